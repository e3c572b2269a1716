package io.chat4all.query.live;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every instance's open streams in one table, so that a user's sixth stream closes the oldest
 * wherever it is served: the opener registers its stream and, in the same transaction, removes
 * the user's rows past the limit and NOTIFYs their ids to every instance ({@link FeedListener}
 * hands them to {@link LiveStreams}, which closes those it holds).
 */
@Component
class StreamRegistry {

    static final String CLOSE_CHANNEL = "chat4all_live_close";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final LiveSettings settings;

    StreamRegistry(JdbcTemplate jdbc, TransactionTemplate transaction, LiveSettings settings) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = settings;
    }

    /** Registers a stream; returns the ids of the user's streams it pushes past the limit (already told to every instance). */
    List<UUID> register(UUID stream, UUID user, Instant opened) {
        return transaction.execute(status -> {
            jdbc.update(
                    "insert into live_stream (stream_id, user_id, opened_at) values (?, ?, ?)",
                    stream,
                    user,
                    Timestamp.from(opened));
            List<UUID> pushedOut = jdbc.queryForList(
                    "delete from live_stream where stream_id in (select stream_id from live_stream"
                            + " where user_id = ? order by opened_at desc, stream_id offset ?) returning stream_id",
                    UUID.class,
                    user,
                    settings.maxStreamsPerUser());
            if (!pushedOut.isEmpty()) {
                jdbc.queryForList(
                        "select pg_notify(?, ?)",
                        CLOSE_CHANNEL,
                        String.join(",", pushedOut.stream().map(UUID::toString).toList()));
            }
            return pushedOut;
        });
    }

    void unregister(UUID stream) {
        jdbc.update("delete from live_stream where stream_id = ?", stream);
    }

    /** Rows older than this are left by an instance that was killed (tokens, so streams, live far shorter). */
    void prune(Duration olderThan) {
        jdbc.update(
                "delete from live_stream where opened_at < ?",
                Timestamp.from(Instant.now().minus(olderThan)));
    }
}
