package io.chat4all.hub.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.junit.jupiter.api.Test;

/**
 * Migration V320 on tokens as Axon writes them: the router starts, per partition, where the
 * slower of the in-app worker and the delivery saga stood, and reads a partition only one of them
 * had read from its start; the old processors' rows go.
 */
class RouterTokenMigrationTest extends TokenMigrationCheck {

    private static final String TOPIC = "chat4all.events";

    @Test
    void theRouterStartsWhereTheSlowerOfTheOldProcessorsStood() {
        List<String> processors = migrated(
                "db/migration/V320__delivery_router_token.sql",
                () -> {
                    insert("delivery-worker", 0, token(Map.of(0, 120L, 1, 80L, 2, 7L)));
                    insert("delivery-saga", 0, token(Map.of(0, 100L, 1, 95L)));
                    insert("delivery-saga", 1, token(Map.of(0, 110L, 1, 90L)));
                },
                () -> {
                    List<KafkaTrackingToken> router = tokens("delivery-router");
                    assertThat(router)
                            .hasSize(2)
                            .allSatisfy(token -> assertThat(token.getPositions())
                                    .containsOnly(
                                            Map.entry(new TopicPartition(TOPIC, 0), 100L),
                                            Map.entry(new TopicPartition(TOPIC, 1), 80L)));
                    return jdbc.queryForList("select distinct processor_name from token_entry", String.class);
                });
        assertThat(processors).containsExactly("delivery-router");
    }

    private static KafkaTrackingToken token(Map<Integer, Long> positions) {
        KafkaTrackingToken token = KafkaTrackingToken.emptyToken();
        for (Map.Entry<Integer, Long> position : positions.entrySet()) {
            token = token.advancedTo(TOPIC, position.getKey(), position.getValue());
        }
        return token;
    }
}
