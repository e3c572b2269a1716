package io.chat4all.hub.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Kafka is and how the hub's topics are created.
 *
 * @param bootstrapServers  the brokers ({@code KAFKA_BOOTSTRAP_SERVERS}); blank starts the embedded broker
 * @param partitions        partitions of each topic created at start; records are keyed by conversation,
 *                          so this bounds how many consumers can share a topic
 * @param replicationFactor replicas of each topic created at start (1 on a single broker)
 */
@ConfigurationProperties("chat4all.kafka")
public record KafkaSettings(
        String bootstrapServers,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor) {
}
