package io.chat4all.hub.kafka;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Health component {@code kafka} (part of readiness): the last answer of {@link KafkaReachability}. */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final KafkaReachability kafka;

    KafkaHealthIndicator(KafkaReachability kafka) {
        super("Kafka health check failed");
        this.kafka = kafka;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaReachability.State state = kafka.state();
        if (state.reachable()) {
            builder.up().withDetail("clusterId", state.clusterId()).withDetail("nodes", state.nodes());
        } else {
            builder.down()
                    .withDetail("unreachableSince", state.since().toString())
                    .withDetail("failure", state.failure());
        }
    }
}
