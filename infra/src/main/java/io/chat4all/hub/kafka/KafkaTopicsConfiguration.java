package io.chat4all.hub.kafka;

import io.chat4all.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The hub's topics, created (or left as they are) when the context starts, before any event
 * processor reads from them: Spring Kafka's admin runs once the beans exist, Axon's processors
 * start later in the lifecycle.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics chat4allTopics(KafkaSettings settings) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.EVENTS, settings),
                topic(Topics.WHATSAPP_OUTGOING, settings),
                topic(Topics.INSTAGRAM_OUTGOING, settings),
                topic(Topics.RECEIPTS, settings));
    }

    private static NewTopic topic(String name, KafkaSettings settings) {
        return new NewTopic(name, settings.partitions(), settings.replicationFactor());
    }
}
