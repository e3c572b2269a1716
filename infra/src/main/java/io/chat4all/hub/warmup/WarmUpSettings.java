package io.chat4all.hub.warmup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param rounds      how often the warm-up sends its requests before readiness turns UP (0: none)
 * @param maxDuration the longest the warm-up may hold readiness back: a hub restarted under
 *                    traffic is warmed by its clients, and its warm-up requests only queue behind them
 */
@ConfigurationProperties("chat4all.warm-up")
public record WarmUpSettings(
        @DefaultValue("30") int rounds, @DefaultValue("5s") Duration maxDuration) {}
