package io.chat4all.hub.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.chat4all.hub.consistency.ProjectionPositions.Awaited;
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

    private static SortedMap<Integer, TrackingToken> segments(TrackingToken... tokens) {
        SortedMap<Integer, TrackingToken> bySegment = new TreeMap<>();
        for (int i = 0; i < tokens.length; i++) {
            bySegment.put(i, tokens[i]);
        }
        return bySegment;
    }

    private static List<Awaited> all(String... projections) {
        return Stream.of(projections).map(p -> new Awaited(p, null)).toList();
    }

    @Test
    void withoutASequenceEverySegmentOfEveryAwaitedProjectionMustBePast() {
        Map<String, SortedMap<Integer, TrackingToken>> tokens =
                Map.of("a", segments(token(120, 90L), token(101)), "b", segments(token(99)));
        assertThat(ProjectionPositions.allCover(tokens, all("a"), 100)).isTrue();
        assertThat(ProjectionPositions.allCover(tokens, all("a", "b"), 100)).isFalse();
        assertThat(ProjectionPositions.allCover(Map.of("a", new TreeMap<>()), all("a"), 100))
                .as("no token yet")
                .isFalse();
    }

    @Test
    void aWriteWaitsOnlyForTheSegmentThatHandlesItsEvent() {
        // Two segments (masks 1): segment 0 takes even hashes, segment 1 odd ones. Segment 1 has not
        // yet moved past the event it ignores (Axon stores that on an idle tick, up to a second later).
        Map<String, SortedMap<Integer, TrackingToken>> tokens = Map.of("a", segments(token(100), token(99)));
        assertThat(ProjectionPositions.allCover(tokens, List.of(new Awaited("a", 42)), 100))
                .isTrue();
        assertThat(ProjectionPositions.allCover(tokens, List.of(new Awaited("a", 43)), 100))
                .as("its own segment is behind")
                .isFalse();
        assertThat(ProjectionPositions.allCover(tokens, all("a"), 100))
                .as("sequence unknown: every segment")
                .isFalse();
        // Four segments (masks 3): hash 6 belongs to segment 2 only.
        Map<String, SortedMap<Integer, TrackingToken>> four =
                Map.of("a", segments(token(10), token(10), token(100), token(10)));
        assertThat(ProjectionPositions.allCover(four, List.of(new Awaited("a", 6)), 100))
                .isTrue();
        assertThat(ProjectionPositions.allCover(four, List.of(new Awaited("a", 5)), 100))
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
