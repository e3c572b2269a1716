package io.chat4all.hub.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/**
 * Migration V404 on tokens as Axon writes them: the one read-model processor starts where the
 * slowest segment of the two old projections stood, merged as Axon's own
 * {@link TrackingToken#lowerBound} merges them (an index that is itself a gap moves below it; every
 * gap below it is kept); a processor that had read nothing makes it read from the start; the old
 * rows go.
 */
class ReadModelTokenMigrationTest extends TokenMigrationCheck {

    private static final String MIGRATION = "db/migration/V404__read_model_token.sql";

    @Test
    void theReadModelStartsAtTheLowerBoundOfTheOldProjectionsTokens() {
        GapAwareTrackingToken conversations0 = token(100, 95);
        GapAwareTrackingToken conversations1 = token(97); // a gap of message-projection's segment 0
        GapAwareTrackingToken messages0 = token(110, 97, 105);
        GapAwareTrackingToken messages1 = token(110);
        TrackingToken axons =
                conversations0.lowerBound(conversations1).lowerBound(messages0).lowerBound(messages1);
        assertThat(axons).isEqualTo(token(96, 95)); // the case the migration has to get right

        List<TrackingToken> readModel = migrated(
                MIGRATION,
                () -> {
                    insert("conversation-projection", 0, conversations0);
                    insert("conversation-projection", 1, conversations1);
                    insert("message-projection", 0, messages0);
                    insert("message-projection", 1, messages1);
                    insert("kafka-outbox", 0, token(5)); // another processor's row stays as it is
                },
                () -> {
                    assertThat(jdbc.queryForList("select processor_name from token_entry order by 1", String.class))
                            .containsExactly("kafka-outbox", "read-model", "read-model");
                    return tokens("read-model");
                });
        assertThat(readModel).containsExactly(axons, axons);
    }

    @Test
    void aProjectionThatHadReadNothingMakesTheReadModelReadFromTheStart() {
        List<TrackingToken> readModel = migrated(
                MIGRATION,
                () -> {
                    insert("conversation-projection", 0, null);
                    insert("message-projection", 0, token(40));
                },
                () -> tokens("read-model"));
        assertThat(readModel).containsExactly((TrackingToken) null);
    }

    @Test
    void aReplayUnderWayCountsWithThePositionItHadReached() {
        TrackingToken replaying = ReplayToken.createReplayToken(token(500), token(120, 118));
        List<TrackingToken> readModel = migrated(
                MIGRATION,
                () -> {
                    insert("conversation-projection", 0, replaying);
                    insert("message-projection", 0, token(300));
                },
                () -> tokens("read-model"));
        assertThat(readModel).containsExactly(token(120, 118));
    }

    @Test
    void aFreshStoreGetsNoTokenAndTheProcessorStartsAsAnyNewOne() {
        List<TrackingToken> readModel =
                migrated(MIGRATION, () -> insert("kafka-outbox", 0, token(5)), () -> tokens("read-model"));
        assertThat(readModel).isEmpty();
    }

    private static GapAwareTrackingToken token(long index, long... gaps) {
        return GapAwareTrackingToken.newInstance(
                index, new TreeSet<>(Arrays.stream(gaps).boxed().toList()));
    }
}
