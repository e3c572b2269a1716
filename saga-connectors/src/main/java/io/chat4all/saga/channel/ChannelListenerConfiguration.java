package io.chat4all.saga.channel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** How the connectors' and the receipt listener's Kafka consumers commit what they have done, and retry what failed. */
@Configuration(proxyBeanMethods = false)
class ChannelListenerConfiguration {

    /**
     * A batch's offsets are committed after it has been handled, as before, but without waiting
     * for the broker's answer before the next poll: a lost commit only hands the batch over again,
     * which the listeners tolerate (Kafka is at least once: a receipt's command is idempotent, a
     * connector logs and reports again). A synchronous commit put one more round trip into every
     * poll cycle on both hops of a channel message.
     */
    /**
     * A batch whose handling failed (the broker or the database unreachable, say) is tried again,
     * with back-off, until it succeeds; never passed over, which would lose its receipts (their
     * messages would end FAILED at the deadline although delivered). Malformed records never
     * fail a batch: the listeners pass over them one by one.
     */
    @Bean
    CommonErrorHandler retryUntilHandled() {
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asyncOffsetCommits() {
        return container -> container.getContainerProperties().setSyncCommits(false);
    }
}
