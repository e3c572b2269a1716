package io.chat4all.query.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open streams of this process and the fan-out of feed rows to them. {@link FeedListener}
 * hands over the rows it read (one thread); this class only queues events on the streams, it
 * never writes to a socket itself (see {@link LiveStream}).
 */
@Component
class LiveStreams {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private final LiveSettings settings;
    private final FeedStore feed;
    private final Views views;
    private final StreamRegistry registry;
    private final List<LiveStream> streams = new CopyOnWriteArrayList<>();
    private final ExecutorService senders;
    private final ExecutorService closers = Executors.newCachedThreadPool(threads("chat4all-live-close"));
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(threads("chat4all-live-timer"));

    LiveStreams(LiveSettings settings, FeedStore feed, Views views, StreamRegistry registry) {
        this.settings = settings;
        this.feed = feed;
        this.views = views;
        this.registry = registry;
        this.senders = Executors.newFixedThreadPool(settings.sendThreads(), threads("chat4all-live-send"));
        long every = settings.keepAlive().toMillis();
        timer.scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream: registered for live events first, then (queued before any of them) the
     * resume's backlog or a reset, so that the switch from backlog to live loses nothing.
     *
     * @param resumeFrom the client's Last-Event-ID header, or null
     */
    SseEmitter open(UUID user, UUID conversation, String resumeFrom, Instant tokenExpires) {
        Duration left = Duration.between(Instant.now(), tokenExpires);
        // The emitter outlives the token a little (it is closed at expiry): no MVC async timeout cuts it earlier.
        SseEmitter emitter = new SseEmitter(left.plusSeconds(10).toMillis());
        LiveStream stream = new LiveStream(user, conversation, emitter, settings.queueBound(), senders, closers);
        emitter.onCompletion(() -> {
            streams.remove(stream);
            unregister(stream);
        });
        emitter.onError(e -> stream.close());
        emitter.onTimeout(stream::close);
        // The limit counts the user's streams on every instance: those pushed out close wherever they are.
        pushedOut(registry.register(stream.id(), user, stream.opened()));
        // Something written at once sends the response's headers: a client sees the stream open now, not at the first
        // event.
        stream.offer(s -> s.comment(" stream open"));
        if (resumeFrom != null) {
            stream.offer(s -> resume(s, resumeFrom)); // queued first, read only once registered (start)
        }
        streams.add(stream);
        stream.start();
        timer.schedule(stream::close, Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        log.info(
                "Live stream opened for user {}{}{}",
                user,
                conversation == null ? "" : " on conversation " + conversation,
                resumeFrom == null ? "" : ", resuming");
        return emitter;
    }

    /** The feed rows read after the last dispatch: each stream gets those that concern it, coalesced per item. */
    void dispatch(List<FeedRow> rows, long epoch) {
        List<LiveStream> open = streams.stream().filter(s -> !s.isClosed()).toList();
        if (rows.isEmpty() || open.isEmpty()) {
            return;
        }
        Map<UUID, Set<UUID>> members = feed.members(
                rows.stream().map(FeedRow::conversationId).distinct().toList());
        Map<LiveStream, List<Changes.Change>> planned = new LinkedHashMap<>();
        List<Changes.Change> all = new ArrayList<>();
        for (LiveStream stream : open) {
            List<Changes.Change> changes = Changes.of(rows, row -> concerns(stream, row, members));
            if (!changes.isEmpty()) {
                planned.put(stream, changes);
                all.addAll(changes);
            }
        }
        if (all.isEmpty()) {
            return;
        }
        Map<UUID, String> messages = views.messages(all);
        Map<UUID, Map<UUID, String>> conversationsByUser = new HashMap<>();
        planned.forEach((stream, changes) -> {
            Map<UUID, String> conversations = changes.stream().anyMatch(c -> c.kind() == FeedKind.CONVERSATION)
                    ? conversationsByUser.computeIfAbsent(stream.user(), user -> views.conversations(user, all))
                    : Map.of();
            for (Changes.Change c : changes) {
                String json = c.kind() == FeedKind.CONVERSATION ? conversations.get(c.item()) : messages.get(c.item());
                if (json != null) {
                    stream.offerEvent(c.kind().wireName(), new EventId(epoch, c.position()), json);
                }
            }
        });
    }

    /** The read model was rebuilt: every stream's ids are of the old epoch. */
    void resetAll() {
        streams.forEach(s -> s.offer(LiveStream::sendReset));
    }

    private static boolean concerns(LiveStream stream, FeedRow row, Map<UUID, Set<UUID>> members) {
        if (stream.conversation() != null && !stream.conversation().equals(row.conversationId())) {
            return false;
        }
        return row.audience() == null
                ? members.getOrDefault(row.conversationId(), Set.of()).contains(stream.user())
                : row.audience().equals(stream.user());
    }

    /** On a sender thread, in the stream's order: each missed item once, or a reset; then live goes on above it. */
    private void resume(LiveStream stream, String lastEventId) throws java.io.IOException {
        EventId from = EventId.parse(lastEventId);
        FeedStore.Head head = feed.head();
        if (from == null
                || from.epoch() != head.epoch()
                || from.position() < head.prunedUpTo()
                || from.position() > head.lastPosition()) {
            stream.sendReset();
            return;
        }
        List<FeedRow> missed =
                feed.concerning(stream.user(), stream.conversation(), from.position(), settings.readBatch() * 10);
        if (missed.size() > settings.readBatch() * 10) {
            stream.sendReset(); // too much missed to replay: the client reloads its views instead
            return;
        }
        List<Changes.Change> changes = Changes.of(missed, row -> true);
        Map<UUID, String> json = new HashMap<>(views.messages(changes));
        json.putAll(views.conversations(stream.user(), changes));
        for (Changes.Change change : changes) {
            if (json.containsKey(change.item())) {
                stream.send(
                        change.kind().wireName(),
                        new EventId(head.epoch(), change.position()),
                        json.get(change.item()));
            }
        }
        // Live events queued meanwhile that the backlog covered: all committed before it was read.
        stream.raiseFloor(Math.max(
                head.lastPosition(),
                missed.isEmpty() ? 0 : missed.get(missed.size() - 1).position()));
    }

    /** Streams another stream pushed past their user's limit (here or on another instance): those held here close. */
    void pushedOut(Collection<UUID> ids) {
        for (LiveStream stream : streams) {
            if (ids.contains(stream.id()) && !stream.isClosed()) {
                log.info(
                        "Live stream of user {} closed: a newer one is past the limit of {}",
                        stream.user(),
                        settings.maxStreamsPerUser());
                stream.close();
            }
        }
    }

    private void unregister(LiveStream stream) {
        try {
            registry.unregister(stream.id());
        } catch (RuntimeException e) {
            // Left in the table, the row is the oldest of its user and the first a new stream pushes out.
            log.debug("Live stream {} not unregistered: {}", stream.id(), e.toString());
        }
    }

    private void keepAlive() {
        streams.forEach(s -> s.offer(stream -> stream.comment(" keep-alive")));
    }

    int openCount() {
        return (int) streams.stream().filter(s -> !s.isClosed()).count();
    }

    @PreDestroy
    void closeAll() {
        streams.forEach(LiveStream::close);
        timer.shutdownNow();
        senders.shutdown();
        closers.shutdown();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
