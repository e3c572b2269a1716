package io.chat4all.hub.consistency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the projections are, read from Axon's own token store ({@code token_entry}) without
 * claiming anything: the token is written in the same transaction as the projection's batch,
 * so a token that covers an event's global index means the read model shows that event, in
 * whichever process the projection runs.
 */
final class ProjectionPositions {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final List<String> projections;

    ProjectionPositions(JdbcTemplate jdbc, Serializer serializer, List<String> projections) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.projections = List.copyOf(projections);
    }

    /** Every segment's token of every projection (a projection without a token yet has an empty list). */
    Map<String, List<TrackingToken>> read() {
        Map<String, List<TrackingToken>> tokens = new HashMap<>();
        projections.forEach(p -> tokens.put(p, new ArrayList<>()));
        jdbc.query(
                "select processor_name, token, token_type from token_entry where processor_name = any(?)",
                rs -> {
                    byte[] bytes = rs.getBytes("token");
                    String type = rs.getString("token_type");
                    TrackingToken token = bytes == null || type == null
                            ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
                    tokens.get(rs.getString("processor_name")).add(token);
                },
                (Object) projections.toArray(String[]::new));
        return tokens;
    }

    /** An aggregate's latest event: its position in the event store and its payload type. */
    record Write(long position, String payloadType) {}

    /** The latest event of an aggregate; null if it has none. */
    Write latestOf(String aggregateId) {
        List<Write> latest = jdbc.query(
                "select global_index, payload_type from domain_event_entry where aggregate_identifier = ?"
                        + " order by sequence_number desc limit 1",
                (rs, i) -> new Write(rs.getLong(1), rs.getString(2)),
                aggregateId);
        return latest.isEmpty() ? null : latest.get(0);
    }

    Long headOfEventStore() {
        return jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
    }

    /** Whether each of {@code awaited} (none missing from {@code tokens}) has applied the event at {@code position}. */
    static boolean allCover(Map<String, List<TrackingToken>> tokens, List<String> awaited, long position) {
        for (String projection : awaited) {
            List<TrackingToken> segments = tokens.get(projection);
            if (segments == null || segments.isEmpty() || segments.stream().anyMatch(t -> !applied(t, position))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a token is past the event at {@code position}: at or beyond it, and not waiting for it
     * as a gap. Not {@code covers} of a token made for the event: that also asks that the token have
     * no other gap below it, and a gap (an append rolled back, as concurrent appends from several
     * processes are) stays until Axon's gap timeout, so every write waited its whole bound meanwhile.
     */
    static boolean applied(TrackingToken token, long position) {
        TrackingToken progress = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (progress instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return progress != null
                && progress.covers(GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet()));
    }

    /** The lowest position up to which a projection is known complete ({@code TrackingToken#position}), or -1. */
    static long lowestPosition(List<TrackingToken> segments) {
        return segments.isEmpty()
                ? -1
                : segments.stream()
                        .mapToLong(t -> t == null ? -1 : t.position().orElse(-1))
                        .min()
                        .orElse(-1);
    }
}
