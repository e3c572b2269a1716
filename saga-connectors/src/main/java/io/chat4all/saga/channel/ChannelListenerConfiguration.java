package io.chat4all.saga.channel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** How the connectors' and the receipt listener's Kafka consumers commit what they have done. */
@Configuration(proxyBeanMethods = false)
class ChannelListenerConfiguration {

    /**
     * A batch's offsets are committed after it has been handled, as before, but without waiting
     * for the broker's answer before the next poll: a lost commit only hands the batch over again,
     * which the listeners tolerate (Kafka is at least once: a receipt's command is idempotent, a
     * connector logs and reports again). A synchronous commit put one more round trip into every
     * poll cycle on both hops of a channel message.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asyncOffsetCommits() {
        return container -> container.getContainerProperties().setSyncCommits(false);
    }
}
