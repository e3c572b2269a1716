package io.chat4all.hub.warmup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param rounds how often the warm-up sends its requests before readiness turns UP (0: none)
 */
@ConfigurationProperties("chat4all.warm-up")
public record WarmUpSettings(@DefaultValue("30") int rounds) {
}
