package io.chat4all.query.live;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This process's one reader of the change feed: it LISTENs on its own connection, wakes at each
 * projection commit's NOTIFY (from whichever process ran the projection) or at the latest after
 * {@code poll-every}, reads the rows after its last position in one query, and hands them to
 * {@link LiveStreams}. Clients never poll the database. It also prunes the feed now and then, and
 * hears which streams another one pushed past their user's limit ({@link StreamRegistry}).
 */
@Component
class FeedListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedListener.class);

    private final DataSource dataSource;
    private final FeedStore feed;
    private final LiveStreams streams;
    private final LiveSettings settings;
    private final StreamRegistry registry;
    private volatile boolean running;
    private Thread thread;
    private long position = -1;
    private long epoch;
    private Instant nextPrune = Instant.now();
    private boolean failing;

    FeedListener(
            DataSource dataSource,
            FeedStore feed,
            LiveStreams streams,
            LiveSettings settings,
            StreamRegistry registry) {
        this.dataSource = dataSource;
        this.feed = feed;
        this.streams = streams;
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "chat4all-live-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        thread.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection notifications = connection.unwrap(PGConnection.class);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + ChangeFeed.CHANNEL);
                    listen.execute("listen " + StreamRegistry.CLOSE_CHANNEL);
                }
                while (running) {
                    catchUp();
                    recovered();
                    // Returns at a NOTIFY, or empty after the timeout: the fallback poll.
                    PGNotification[] woken = notifications.getNotifications(
                            (int) settings.pollEvery().toMillis());
                    closeStreamsPushedOut(woken);
                    if (woken != null && woken.length > 0 && !settings.gather().isZero()) {
                        Thread.sleep(settings.gather().toMillis()); // let the other projection's commit land too
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    log.warn("Live updates cannot read the change feed, retrying quietly: {}", e.toString());
                    failing = true;
                }
                pause();
            }
        }
    }

    /** Reads and dispatches every row after the last position; a failed dispatch is retried from the same position. */
    private void catchUp() {
        if (position < 0) {
            FeedStore.Head head = feed.head();
            position = head.lastPosition(); // what was written before this process started is no news
            epoch = head.epoch();
        }
        FeedStore.Rows rows;
        do {
            rows = feed.after(position, settings.readBatch());
            if (rows.epoch() != epoch) {
                log.info(
                        "The read model was rebuilt (change feed epoch {} -> {}): open streams get a reset",
                        epoch,
                        rows.epoch());
                epoch = rows.epoch();
                streams.resetAll();
            }
            streams.dispatch(rows.rows(), epoch);
            if (!rows.rows().isEmpty()) {
                position = rows.rows().get(rows.rows().size() - 1).position();
            }
        } while (rows.rows().size() == settings.readBatch());
        if (Instant.now().isAfter(nextPrune)) {
            feed.prune(settings.retention());
            registry.prune(
                    settings.retention()); // a stream lives no longer than its token: older rows are a dead instance's
            nextPrune = Instant.now().plus(settings.pruneEvery());
        }
    }

    private void closeStreamsPushedOut(PGNotification[] notifications) {
        if (notifications == null) {
            return;
        }
        for (PGNotification notification : notifications) {
            if (StreamRegistry.CLOSE_CHANNEL.equals(notification.getName())) {
                streams.pushedOut(Arrays.stream(notification.getParameter().split(","))
                        .map(UUID::fromString)
                        .toList());
            }
        }
    }

    private void recovered() {
        if (failing) {
            log.info("Live updates read the change feed again");
            failing = false;
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollEvery().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
