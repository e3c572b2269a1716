package io.chat4all.hub.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** When a write counts as readable: the projection's token is past its event, whatever other gaps it waits for. */
class ProjectionPositionsTest {

    private static TrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, new TreeSet<>(List.of(gaps)));
    }

    @Test
    void anOlderGapDoesNotHoldAWriteThatTheTokenHasPassed() {
        // 90 is a gap: an append rolled back (or not yet committed). The event at 100 is applied.
        assertThat(ProjectionPositions.applied(token(120, 90L), 100)).isTrue();
        assertThat(ProjectionPositions.applied(token(120, 90L, 100L), 100))
                .as("the write's own event still a gap")
                .isFalse();
        assertThat(ProjectionPositions.applied(token(99), 100))
                .as("not there yet")
                .isFalse();
        assertThat(ProjectionPositions.applied(token(100), 100)).isTrue();
    }

    @Test
    void everySegmentOfEveryAwaitedProjectionMustBePast() {
        Map<String, List<TrackingToken>> tokens =
                Map.of("a", List.of(token(120, 90L), token(101)), "b", List.of(token(99)));
        assertThat(ProjectionPositions.allCover(tokens, List.of("a"), 100)).isTrue();
        assertThat(ProjectionPositions.allCover(tokens, List.of("a", "b"), 100)).isFalse();
        assertThat(ProjectionPositions.allCover(Map.of("a", List.of()), List.of("a"), 100))
                .as("no token yet")
                .isFalse();
    }

    @Test
    void aProjectionBeingReplayedCountsByItsProgress() {
        TrackingToken replaying = ReplayToken.createReplayToken(token(500), token(80));
        assertThat(ProjectionPositions.applied(replaying, 100)).isFalse();
        assertThat(ProjectionPositions.applied(ReplayToken.createReplayToken(token(500), token(200)), 100))
                .isTrue();
    }
}
