package io.chat4all.hub.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.chat4all.hub.HubIntegrationTest;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
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
 * Migration V404 on tokens as Axon writes them: the one read-model processor starts where the
 * slowest segment of the two old projections stood, merged as Axon's own
 * {@link TrackingToken#lowerBound} merges them (an index that is itself a gap moves below it; every
 * gap below it is kept); a processor that had read nothing makes it read from the start; the old
 * rows go. Run in a schema of its own, rolled back, so the hub's own tokens are not touched.
 */
class ReadModelTokenMigrationTest extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    @Qualifier("serializer")
    Serializer serializer;

    @Test
    void theReadModelStartsAtTheLowerBoundOfTheOldProjectionsTokens() {
        GapAwareTrackingToken conversations0 = token(100, 95);
        GapAwareTrackingToken conversations1 = token(97); // a gap of message-projection's segment 0
        GapAwareTrackingToken messages0 = token(110, 97, 105);
        GapAwareTrackingToken messages1 = token(110);
        TrackingToken axons =
                conversations0.lowerBound(conversations1).lowerBound(messages0).lowerBound(messages1);
        assertThat(axons).isEqualTo(token(96, 95)); // the case the migration has to get right

        migrated(
                () -> {
                    insert("conversation-projection", 0, conversations0);
                    insert("conversation-projection", 1, conversations1);
                    insert("message-projection", 0, messages0);
                    insert("message-projection", 1, messages1);
                    insert("kafka-outbox", 0, token(5)); // another processor's row stays as it is
                },
                rows -> {
                    assertThat(rows).containsExactly(axons, axons);
                    assertThat(jdbc.queryForList(
                                    "select distinct processor_name from token_entry order by 1", String.class))
                            .containsExactly("kafka-outbox", "read-model");
                    assertThat(jdbc.queryForObject(
                                    "select count(*) from token_entry where processor_name = 'kafka-outbox'",
                                    Integer.class))
                            .isEqualTo(1);
                });
    }

    @Test
    void aProjectionThatHadReadNothingMakesTheReadModelReadFromTheStart() {
        migrated(
                () -> {
                    insert("conversation-projection", 0, null);
                    insert("message-projection", 0, token(40));
                },
                rows -> assertThat(rows).containsExactly((TrackingToken) null));
    }

    @Test
    void aFreshStoreGetsNoTokenAndTheProcessorStartsAsAnyNewOne() {
        migrated(
                () -> insert("kafka-outbox", 0, token(5)),
                rows -> assertThat(rows).isEmpty());
    }

    /** Runs V404 over the tokens {@code given} writes and hands {@code then} read-model's tokens by segment. */
    private void migrated(Runnable given, Consumer<List<TrackingToken>> then) {
        String migration;
        try {
            migration = new String(
                    new ClassPathResource("db/migration/V404__read_model_token.sql")
                            .getInputStream()
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        transactions.executeWithoutResult(status -> {
            jdbc.execute("create schema v404_check");
            jdbc.execute("set local search_path to v404_check");
            jdbc.execute("create table token_entry (segment integer not null, token bytea, owner varchar(255), "
                    + "processor_name varchar(255) not null, timestamp varchar(255) not null, token_type varchar(255), "
                    + "primary key (segment, processor_name))");
            given.run();
            jdbc.execute(migration);
            then.accept(jdbc.query(
                    "select token, token_type from token_entry where processor_name = 'read-model' order by segment",
                    (rs, row) -> rs.getBytes(1) == null
                            ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(
                                    rs.getBytes(1), byte[].class, rs.getString(2), null))));
            status.setRollbackOnly();
        });
    }

    private static GapAwareTrackingToken token(long index, long... gaps) {
        return GapAwareTrackingToken.newInstance(
                index, new TreeSet<>(Arrays.stream(gaps).boxed().toList()));
    }

    private void insert(String processor, int segment, TrackingToken token) {
        SerializedObject<byte[]> serialized = token == null ? null : serializer.serialize(token, byte[].class);
        jdbc.update(
                "insert into token_entry (segment, token, processor_name, timestamp, token_type) values (?, ?, ?, ?, ?)",
                segment,
                serialized == null ? null : serialized.getData(),
                processor,
                "2026-12-01T00:00:00Z",
                serialized == null ? null : serialized.getType().getName());
    }
}
