package io.chat4all.hub.consistency;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
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
 * A write's answer waits here until the read model shows it (see {@link ReadYourWrites}). One
 * thread, and only while writes wait, reads the projections' positions every
 * {@link ConsistencySettings#pollEvery()} and completes each write's future whose event they have
 * all passed: a few small queries a second however many writes wait, and no request thread
 * parked meanwhile (under load most of them were, and their number capped the throughput).
 */
@Component
class ReadModelCatchUp implements ReadYourWrites, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelCatchUp.class);

    private record Waiter(long position, List<Awaited> projections, CompletableFuture<Void> caughtUp) {}

    private final ProjectionPositions positions;
    private final HandlingProjections handling;
    private final ConsistencySettings settings;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
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
        if (ProjectionPositions.allCover(seen, awaited, position)) {
            return CompletableFuture.completedFuture(null);
        }
        Waiter waiter = new Waiter(position, awaited, new CompletableFuture<>());
        waiters.add(waiter);
        LockSupport.unpark(watcher);
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

    /** Positions as last read: for the read model's health (its lag). */
    Map<String, SortedMap<Integer, TrackingToken>> lastSeen() {
        return lastSeen;
    }

    ProjectionPositions positions() {
        return positions;
    }

    private void watch() {
        while (running) {
            if (waiters.isEmpty()) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            try {
                Map<String, SortedMap<Integer, TrackingToken>> now = positions.read();
                lastSeen = now;
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
            LockSupport.parkNanos(settings.pollEvery().toNanos());
        }
    }

    @Override
    public void destroy() {
        running = false;
        LockSupport.unpark(watcher);
    }
}
