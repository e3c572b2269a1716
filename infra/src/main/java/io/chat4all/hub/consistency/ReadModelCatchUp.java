package io.chat4all.hub.consistency;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.chat4all.events.ReadYourWrites;
import io.chat4all.hub.consistency.ProjectionPositions.Awaited;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A write's answer waits here until the read model shows it (see {@link ReadYourWrites}), as a
 * future: no request thread is parked meanwhile (under load most of them were, and their number
 * capped the throughput). One thread completes the futures whose event every projection has
 * passed. A projection that runs in this process reports each batch it commits
 * ({@link LocalProjectionCommits}), and the thread checks at once; the token store is read
 * every {@link ConsistencySettings#pollEvery()} only while a projection's segment runs elsewhere,
 * else once a second (for the segments' layout and a new owner).
 */
@Component
class ReadModelCatchUp implements ReadYourWrites, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelCatchUp.class);
    /** How often the token store is read while every segment runs here. */
    private static final Duration REFRESH = Duration.ofSeconds(1);

    private record Waiter(long position, List<Awaited> projections, CompletableFuture<Void> caughtUp) {}

    private final ProjectionPositions positions;
    private final HandlingProjections handling;
    private final ConsistencySettings settings;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    /** What the projections running here have committed since, by projection and segment. */
    private final Map<String, Map<Integer, TrackingToken>> committedHere = new ConcurrentHashMap<>();

    private final Thread watcher;
    private volatile Map<String, SortedMap<Integer, TrackingToken>> lastSeen = Map.of();
    private volatile boolean running = true;

    ReadModelCatchUp(
            JdbcTemplate jdbc,
            @Qualifier("serializer") Serializer serializer,
            ConsistencySettings settings,
            HandlingProjections handling) {
        this.positions = new ProjectionPositions(jdbc, serializer, settings.projections());
        this.handling = handling;
        this.settings = settings;
        this.watcher = new Thread(this::watch, "read-model-catch-up");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public CompletableFuture<Void> readable(String aggregateId) {
        ProjectionPositions.Write write = positions.latestOf(aggregateId);
        if (write == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> projections = handling.of(write.payloadType());
        if (projections.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // Which segment handles the event matters only where a projection has several: with one
        // (a store created with one), waiting for all is the same, and the event is not read back.
        Map<String, SortedMap<Integer, TrackingToken>> seen = lastSeen;
        boolean split = projections.stream()
                .anyMatch(
                        p -> seen.getOrDefault(p, Collections.emptySortedMap()).size() > 1);
        EventMessage<?> event = split ? positions.eventOf(write) : null;
        List<Awaited> awaited = projections.stream()
                .map(p -> new Awaited(p, event == null ? null : handling.sequenceHash(p, event)))
                .toList();
        long position = write.position();
        if (ProjectionPositions.allCover(known(), awaited, position)) {
            return CompletableFuture.completedFuture(null);
        }
        Waiter waiter = new Waiter(position, awaited, new CompletableFuture<>());
        waiters.add(waiter);
        LockSupport.unpark(watcher); // it checks again, so a commit since the check above is not missed
        return waiter.caughtUp()
                .orTimeout(settings.bound().toMillis(), TimeUnit.MILLISECONDS)
                .handle((caughtUp, failure) -> {
                    waiters.remove(waiter);
                    if (failure != null) { // only the bound: the watcher completes normally or not at all
                        log.debug(
                                "The read model did not show event {} of {} within {}",
                                position,
                                aggregateId,
                                settings.bound());
                    }
                    return null;
                });
    }

    /** A projection running here has committed a batch up to {@code token} in {@code segment}. */
    void committed(String projection, int segment, TrackingToken token) {
        committedHere
                .computeIfAbsent(projection, p -> new ConcurrentHashMap<>())
                .put(segment, token);
        if (!waiters.isEmpty()) {
            LockSupport.unpark(watcher);
        }
    }

    /** What a projection running here has reported committed, by segment (for a test). */
    Map<Integer, TrackingToken> committedHere(String projection) {
        return Map.copyOf(committedHere.getOrDefault(projection, Map.of()));
    }

    ProjectionPositions positions() {
        return positions;
    }

    private void watch() {
        long lastRead = System.nanoTime() - REFRESH.toNanos();
        while (running) {
            if (waiters.isEmpty()) {
                LockSupport.parkNanos(REFRESH.toNanos());
                continue;
            }
            Duration readEvery = REFRESH;
            try {
                readEvery = allSegmentsHere() ? REFRESH : settings.pollEvery();
                if (System.nanoTime() - lastRead >= readEvery.toNanos()) {
                    lastSeen = positions.read();
                    lastRead = System.nanoTime();
                }
                Map<String, SortedMap<Integer, TrackingToken>> now = known();
                waiters.removeIf(w -> {
                    if (ProjectionPositions.allCover(now, w.projections(), w.position())) {
                        w.caughtUp().complete(null);
                        return true;
                    }
                    return w.caughtUp().isDone();
                });
            } catch (RuntimeException e) {
                // The database away, say: the writes' own bound ends their wait.
                log.debug("Could not read the projections' positions: {}", e.toString());
            }
            LockSupport.parkNanos(readEvery.toNanos()); // or until a commit here or a new write
        }
    }

    /** Whether this process runs every segment of every projection (as last read), so that it hears of each commit. */
    private boolean allSegmentsHere() {
        Map<String, SortedMap<Integer, TrackingToken>> seen = lastSeen;
        for (String projection : settings.projections()) {
            SortedMap<Integer, TrackingToken> segments = seen.get(projection);
            if (segments == null
                    || segments.isEmpty()
                    || !handling.localSegments(projection).containsAll(segments.keySet())) {
                return false;
            }
        }
        return true;
    }

    /** The positions as last read, each segment moved on to what a projection here has committed since. */
    private Map<String, SortedMap<Integer, TrackingToken>> known() {
        Map<String, SortedMap<Integer, TrackingToken>> read = lastSeen;
        if (committedHere.isEmpty()) {
            return read;
        }
        Map<String, SortedMap<Integer, TrackingToken>> known = new HashMap<>(read);
        committedHere.forEach((projection, committed) -> {
            SortedMap<Integer, TrackingToken> segments = read.get(projection);
            if (segments != null && !segments.isEmpty()) { // the segments themselves are known from the store
                SortedMap<Integer, TrackingToken> moved = new TreeMap<>(segments);
                committed.forEach((id, token) -> moved.computeIfPresent(id, (k, stored) -> later(stored, token)));
                known.put(projection, moved);
            }
        });
        return known;
    }

    /** The further of two tokens of one segment (another process may have taken it over and gone further). */
    static TrackingToken later(TrackingToken stored, TrackingToken committed) {
        long storedAt = stored == null ? -1 : stored.position().orElse(-1);
        return committed.position().orElse(-1) >= storedAt ? committed : stored;
    }

    @Override
    public void destroy() {
        running = false;
        LockSupport.unpark(watcher);
    }
}
