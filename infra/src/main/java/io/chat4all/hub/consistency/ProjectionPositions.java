package io.chat4all.hub.consistency;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the projections are, read from Axon's own token store ({@code token_entry}) without
 * claiming anything: the token is written in the same transaction as the projection's batch,
 * so a token that covers an event's global index means the read model shows that event, in
 * whichever process the projection runs. A write waits only for the segment that handles its event
 * (the others pass an event they ignore only on an idle tick, up to a second later).
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

    /** Every projection's tokens by segment id (a projection without a token yet has an empty map). */
    Map<String, SortedMap<Integer, TrackingToken>> read() {
        Map<String, SortedMap<Integer, TrackingToken>> tokens = new HashMap<>();
        projections.forEach(p -> tokens.put(p, new TreeMap<>()));
        jdbc.query(
                "select processor_name, segment, token, token_type from token_entry where processor_name = any(?)",
                rs -> {
                    byte[] bytes = rs.getBytes("token");
                    String type = rs.getString("token_type");
                    TrackingToken token = bytes == null || type == null
                            ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
                    tokens.get(rs.getString("processor_name")).put(rs.getInt("segment"), token);
                },
                (Object) projections.toArray(String[]::new));
        return tokens;
    }

    /** An aggregate's latest event: its position in the event store, its payload type, and the row to read it from. */
    record Write(
            long position,
            String payloadType,
            String aggregateType,
            String aggregateId,
            long sequence,
            String identifier,
            byte[] payload,
            String revision) {}

    /** What a write waits for in one projection: the segment handling the hash of its sequence id, or all (null). */
    record Awaited(String projection, Integer sequenceHash) {}

    /** The latest event of an aggregate; null if it has none. */
    Write latestOf(String aggregateId) {
        List<Write> latest = jdbc.query(
                "select global_index, payload_type, type, sequence_number, event_identifier, payload, payload_revision"
                        + " from domain_event_entry where aggregate_identifier = ? order by sequence_number desc limit 1",
                (rs, i) -> new Write(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        aggregateId,
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getBytes(6),
                        rs.getString(7)),
                aggregateId);
        return latest.isEmpty() ? null : latest.get(0);
    }

    /** The write's event as a projection's sequencing policy sees it; null if it cannot be read (an older shape). */
    EventMessage<?> eventOf(Write write) {
        try {
            Object payload = serializer.deserialize(
                    new SimpleSerializedObject<>(write.payload(), byte[].class, write.payloadType(), write.revision()));
            return new GenericDomainEventMessage<>(
                    write.aggregateType(),
                    write.aggregateId(),
                    write.sequence(),
                    payload,
                    MetaData.emptyInstance(),
                    write.identifier(),
                    Instant.EPOCH);
        } catch (RuntimeException unreadable) {
            return null; // then the write waits for every segment
        }
    }

    Long headOfEventStore() {
        return jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
    }

    /** Whether each of {@code awaited} has applied the event at {@code position}. */
    static boolean allCover(
            Map<String, SortedMap<Integer, TrackingToken>> tokens, List<Awaited> awaited, long position) {
        for (Awaited wait : awaited) {
            SortedMap<Integer, TrackingToken> segments = tokens.get(wait.projection());
            if (segments == null
                    || segments.isEmpty()
                    || handling(segments, wait.sequenceHash()).stream().anyMatch(t -> !applied(t, position))) {
                return false;
            }
        }
        return true;
    }

    /** The token of the segment whose events include those of this hash (as Axon's invoker matches them); else all. */
    private static Collection<TrackingToken> handling(SortedMap<Integer, TrackingToken> segments, Integer hash) {
        if (hash != null) {
            int[] ids = segments.keySet().stream().mapToInt(Integer::intValue).toArray();
            for (int id : ids) {
                if (Segment.computeSegment(id, ids).matches(hash.intValue())) {
                    return Collections.singletonList(segments.get(id));
                }
            }
        }
        return segments.values();
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
    static long lowestPosition(Collection<TrackingToken> segments) {
        return segments.isEmpty()
                ? -1
                : segments.stream()
                        .mapToLong(t -> t == null ? -1 : t.position().orElse(-1))
                        .min()
                        .orElse(-1);
    }
}
