package io.chat4all.hub.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.chat4all.hub.HubIntegrationTest;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Migration V320 on tokens as Axon writes them: the router starts, per partition, where the
 * slower of the in-app worker and the delivery saga stood, and reads a partition only one of them
 * had read from its start; the old processors' rows go. Run in a schema of its own, rolled back,
 * so the hub's own tokens are not touched.
 */
class RouterTokenMigrationTest extends HubIntegrationTest {

    private static final String TOPIC = "chat4all.events";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    @Qualifier("serializer")
    Serializer serializer;

    @Test
    void theRouterStartsWhereTheSlowerOfTheOldProcessorsStood() throws IOException {
        String migration = new String(
                new ClassPathResource("db/migration/V320__delivery_router_token.sql")
                        .getInputStream()
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        transactions.executeWithoutResult(status -> {
            jdbc.execute("create schema v320_check");
            jdbc.execute("set local search_path to v320_check");
            jdbc.execute("create table token_entry (segment integer not null, token bytea, owner varchar(255), "
                    + "processor_name varchar(255) not null, timestamp varchar(255) not null, token_type varchar(255), "
                    + "primary key (segment, processor_name))");
            insert("delivery-worker", 0, Map.of(0, 120L, 1, 80L, 2, 7L));
            insert("delivery-saga", 0, Map.of(0, 100L, 1, 95L));
            insert("delivery-saga", 1, Map.of(0, 110L, 1, 90L));
            jdbc.execute(migration);

            assertThat(jdbc.queryForList("select distinct processor_name from token_entry", String.class))
                    .containsExactly("delivery-router");
            List<KafkaTrackingToken> router = jdbc.query(
                    "select token, token_type from token_entry order by segment",
                    (rs, row) -> serializer.deserialize(
                            new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null)));
            assertThat(router)
                    .hasSize(2)
                    .allSatisfy(token -> assertThat(token.getPositions())
                            .containsOnly(
                                    Map.entry(new TopicPartition(TOPIC, 0), 100L),
                                    Map.entry(new TopicPartition(TOPIC, 1), 80L)));
            status.setRollbackOnly();
        });
    }

    private void insert(String processor, int segment, Map<Integer, Long> positions) {
        KafkaTrackingToken token = KafkaTrackingToken.emptyToken();
        for (Map.Entry<Integer, Long> position : positions.entrySet()) {
            token = token.advancedTo(TOPIC, position.getKey(), position.getValue());
        }
        SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
        jdbc.update(
                "insert into token_entry (segment, token, processor_name, timestamp, token_type) values (?, ?, ?, ?, ?)",
                segment,
                serialized.getData(),
                processor,
                "2026-12-01T00:00:00Z",
                serialized.getType().getName());
    }
}
