package io.chat4all.query.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's open stream: a bounded queue of what is still to be written, drained in order by
 * one task at a time on the shared sender threads.
 *
 * <p>Why an executor and not SseEmitter's own sends from the dispatcher: a send writes to the
 * socket and blocks while the client's TCP window is full. Written on the dispatcher's one
 * thread, a slow client would hold up every other client; here it holds at most one sender
 * thread, until Tomcat's write timeout fails the write, while its queue fills and the client is
 * dropped. Memory per stream is bounded by the queue.
 */
final class LiveStream {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    /** Characters sent at once at most, so a long backlog goes out in pieces. */
    private static final int BATCH_CHARS = 64 * 1024;

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    /** One thing to write, in order; live events carry their position (0 for the others). */
    interface Step {
        void writeTo(LiveStream stream) throws IOException;
    }

    private final UUID id = UUID.randomUUID();
    private final UUID user;
    private final UUID conversation;
    private final Instant opened = Instant.now();
    private final SseEmitter emitter;
    private final BlockingQueue<Step> queue;
    private final Executor senders;
    private final Executor closers;
    private final AtomicBoolean draining = new AtomicBoolean();
    /** What the drain in progress has yet to send, as SSE text; touched only by the one drain running. */
    private final StringBuilder batch = new StringBuilder();

    private final AtomicBoolean closed = new AtomicBoolean();
    /** Nothing is written before {@link #start()}: a resume's backlog waits until the stream is registered. */
    private volatile boolean started;
    /** Live events at or below this position were covered by the resume's backlog. */
    private volatile long floor;

    LiveStream(UUID user, UUID conversation, SseEmitter emitter, int queueBound, Executor senders, Executor closers) {
        this.user = user;
        this.conversation = conversation;
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(queueBound);
        this.senders = senders;
        this.closers = closers;
    }

    /** This stream's id in the {@link StreamRegistry} of every instance. */
    UUID id() {
        return id;
    }

    UUID user() {
        return user;
    }

    /** The one conversation this stream is narrowed to, or null. */
    UUID conversation() {
        return conversation;
    }

    Instant opened() {
        return opened;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Queues a step; a full queue means the client does not keep up: it is dropped. Never blocks. */
    void offer(Step step) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(step)) {
            log.info(
                    "Live stream of user {} dropped: {} events waiting, the client does not keep up",
                    user,
                    queue.size());
            close();
            return;
        }
        if (started && draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    /** Starts writing what was queued (the resume, then live events queued after it). */
    void start() {
        started = true;
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    /** A live event; skipped if the resume's backlog already covered it. */
    void offerEvent(String name, EventId id, String data) {
        offer(stream -> {
            if (id.position() > floor) {
                send(name, id, data);
            }
        });
    }

    /** An event; data is JSON text (one line), written as it is. */
    void send(String name, EventId id, String data) throws IOException {
        batch.append("event:")
                .append(name)
                .append("\nid:")
                .append(id)
                .append("\ndata:")
                .append(data)
                .append("\n\n");
        flushIfFull();
    }

    /**
     * {@code event: reset} with an empty {@code data:} line and no id: "no data", yet a browser's
     * EventSource, which drops an event without any data line, still dispatches it.
     */
    void sendReset() throws IOException {
        batch.append("event:reset\ndata:\n\n");
        flushIfFull();
    }

    void comment(String text) throws IOException {
        batch.append(':').append(text).append("\n\n");
        flushIfFull();
    }

    /**
     * What a drain writes is collected as SSE text (the lines SseEmitter's builder writes) and sent
     * in one go: one part, one write and one flush for all the events waiting, not a message
     * conversion per line and a flush per event (a group message fans out to every member's streams).
     */
    private void flushIfFull() throws IOException {
        if (batch.length() >= BATCH_CHARS) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (!batch.isEmpty()) {
            String text = batch.toString();
            batch.setLength(0);
            emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(text, TEXT)));
        }
    }

    void raiseFloor(long position) {
        floor = Math.max(floor, position);
    }

    /** Ends the stream; off the caller's thread, since completing waits for a write in progress. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            closers.execute(emitter::complete);
        }
    }

    private void drain() {
        try {
            Step step;
            while (!closed.get() && (step = queue.poll()) != null) {
                step.writeTo(this);
            }
            if (!closed.get()) {
                flush();
            }
        } catch (IOException | RuntimeException e) {
            // The client went away (or its view could not be read): it reconnects with its last id.
            log.debug("Live stream of user {} ended: {}", user, e.toString());
            close();
        } finally {
            batch.setLength(0);
            draining.set(false);
        }
        if (!queue.isEmpty() && !closed.get() && draining.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }
}
