package io.chat4all.hub.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Kafka is and how the hub's topics are created.
 *
 * @param bootstrapServers  the brokers ({@code KAFKA_BOOTSTRAP_SERVERS}); blank starts the embedded broker
 * @param partitions        partitions of each topic created at start; records are keyed by conversation,
 *                          so this bounds how many consumers can share a topic
 * @param replicationFactor replicas of each topic created at start (1 on a single broker)
 * @param probeEvery        how often the hub asks the cluster whether it is there (see KafkaReachability)
 * @param probeTimeout      how long a probe waits before the broker counts as unreachable; with
 *                          {@code probeEvery}, bounds how soon an outage is answered with 503
 */
@ConfigurationProperties("chat4all.kafka")
public record KafkaSettings(
        String bootstrapServers,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("500ms") Duration probeEvery,
        @DefaultValue("1s") Duration probeTimeout) {}
