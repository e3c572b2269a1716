package io.chat4all.hub.replay;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chat4all.hub.roles.Role;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the read model from the event store, on a running hub (actuator {@code POST /actuator/replay})
 * or at start ({@code chat4all.replay.on-start}), the way Axon documents it: each projection's
 * processor is shut down (its claims released), its tokens reset (its {@code @ResetHandler}s empty
 * its tables in the same transaction) and started again from the first event; at start the tokens
 * are reset before the processors first start ({@link ReplayOnStart}). Every process sees
 * the replay in {@code token_entry} (replay tokens) and reports readiness DOWN until it has caught
 * up ({@code readModel} health). Progress is logged every few seconds, and the speed at the end.
 *
 * <p>Axon resets only tokens no other process holds: with projections running in several processes,
 * run it where they run alone (stop the others' projections role, or run it with one of them), or it
 * is refused, naming the holder, with nothing changed.
 */
@Component
@ConditionalOnProperty(name = "chat4all.role.projections", havingValue = "true", matchIfMissing = true)
class ReadModelReplay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelReplay.class);

    /** What a replay did, or is doing: state {@code never run}, {@code replaying} or {@code done}; events = the store's head at its start. */
    record Progress(
            String state,
            long events,
            Map<String, Long> positions,
            double seconds,
            @JsonProperty("events_per_second") double eventsPerSecond) {}

    /** Another process holds a segment of a projection: nothing was reset. */
    static final class Refused extends RuntimeException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ReplaySettings settings;
    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "read-model-replay");
        thread.setDaemon(true);
        return thread;
    });
    private long head;
    private long startedAt;
    private volatile long lastReport;
    private Progress last = new Progress("never run", 0, Map.of(), 0, 0);
    private ScheduledFuture<?> report;

    ReadModelReplay(@Lazy EventProcessingConfiguration processing, JdbcTemplate jdbc, ReplaySettings settings) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Starts a replay of every projection (unless one is running) and returns at once. */
    synchronized Progress start() {
        if (report != null) {
            return progress();
        }
        List<StreamingEventProcessor> processors = projections();
        processors.forEach(StreamingEventProcessor::shutDown);
        try {
            reset(processors);
        } finally {
            processors.forEach(StreamingEventProcessor::start); // reset or not, they go on
        }
        return progress();
    }

    /**
     * The replay at start: the tokens are reset before the processors first start (Axon's start-up
     * phase for them comes right after), so no processor is shut down while it is still launching its
     * segments' workers: that once left a segment with no worker, and readiness DOWN for good.
     */
    synchronized void startBeforeProcessors() {
        reset(projections());
    }

    private void reset(List<StreamingEventProcessor> processors) {
        head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        try {
            processors.forEach(StreamingEventProcessor::resetTokens);
        } catch (UnableToClaimTokenException held) {
            throw new Refused(
                    "Another process holds a segment of a projection (" + held.getMessage()
                            + "): run the replay where the projections run alone",
                    held);
        }
        startedAt = System.nanoTime();
        log.info(
                "Replay of the read model started: {} from the first of {} events",
                Role.PROJECTIONS.processors(),
                head);
        lastReport = startedAt;
        // Checked often, so that the end (and the speed) is seen within 100 ms; logged every report-every.
        report = reporter.scheduleWithFixedDelay(this::reportProgress, 100, 100, TimeUnit.MILLISECONDS);
    }

    synchronized Progress progress() {
        if (report == null) {
            return last;
        }
        Map<String, Long> positions = new LinkedHashMap<>();
        boolean replaying = false;
        for (StreamingEventProcessor processor : projections()) {
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            // Every segment of the store, not only those claimed so far: right after the start, a
            // thread may not have claimed its segment yet, and the others' being done is not the end.
            replaying |= segments.size() < segmentsOf(processor.getName())
                    || segments.values().stream().anyMatch(ReadModelReplay::behind);
            positions.put(
                    processor.getName(),
                    segments.values().stream()
                            .mapToLong(s -> s.getCurrentPosition().orElse(0))
                            .min()
                            .orElse(0));
        }
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        return new Progress(
                replaying ? "replaying" : "done", head, positions, seconds, seconds == 0 ? 0 : head / seconds);
    }

    /** How many segments the processor's tokens are split into (Axon's token store), claimed or not. */
    private int segmentsOf(String processorName) {
        return Math.max(1, processing.tokenStore(processorName).fetchSegments(processorName).length);
    }

    /**
     * Still short of where the store's head was at the reset. Axon keeps a replay token until an
     * event past the reset position arrives, which may be long after the replay has caught up.
     */
    static boolean behind(EventTrackerStatus segment) {
        return segment.isReplaying()
                && segment.getCurrentPosition().orElse(-1)
                        < segment.getResetPosition().orElse(Long.MAX_VALUE);
    }

    private void reportProgress() {
        Progress now = progress();
        boolean reportNow =
                System.nanoTime() - lastReport >= settings.reportEvery().toNanos();
        synchronized (this) {
            if ("done".equals(now.state())) {
                report.cancel(false);
                report = null;
                last = now;
                log.info(
                        "Replay of the read model done: {} events in {} s ({} events/s)",
                        now.events(),
                        String.format("%.1f", now.seconds()),
                        Math.round(now.eventsPerSecond()));
                return;
            }
        }
        if (reportNow) {
            lastReport = System.nanoTime();
            log.info(
                    "Replay of the read model: {} of {} events after {} s",
                    now.positions(),
                    now.events(),
                    Duration.ofNanos(System.nanoTime() - startedAt).toSeconds());
        }
    }

    private List<StreamingEventProcessor> projections() {
        return Role.PROJECTIONS.processors().stream()
                .map(name -> processing
                        .eventProcessor(name, StreamingEventProcessor.class)
                        .orElseThrow(() -> new IllegalStateException("No streaming processor " + name + " here")))
                .toList();
    }

    @Override
    public void destroy() {
        reporter.shutdownNow();
    }
}
