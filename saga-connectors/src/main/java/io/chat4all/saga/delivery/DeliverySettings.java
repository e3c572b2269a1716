package io.chat4all.saga.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param deadline   how long every channel of a message has to confirm it before it is FAILED
 *                   ({@code CHAT4ALL_DELIVERY_DEADLINE}); SC-011 asks for a final status within 30 s
 * @param sweepEvery how often due deadlines are looked for
 */
@ConfigurationProperties("chat4all.delivery")
public record DeliverySettings(
        @DefaultValue("30s") Duration deadline,
        @DefaultValue("1s") Duration sweepEvery) {}
