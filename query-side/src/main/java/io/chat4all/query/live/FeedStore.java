package io.chat4all.query.live;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the change feed (which the projections write through {@link ChangeFeed}) and prunes it. */
@Component
class FeedStore {

    private static final String COLUMNS = "f.position, f.kind, f.conversation_id, f.message_id, f.audience";

    private final JdbcTemplate jdbc;

    FeedStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The feed's state: its epoch, its newest position, and the highest position pruned. */
    record Head(long epoch, long lastPosition, long prunedUpTo) {}

    /** The rows after a position, oldest first, with the epoch they were read in. */
    record Rows(long epoch, List<FeedRow> rows) {}

    Head head() {
        return jdbc.queryForObject(
                "select epoch, coalesce((select max(position) from change_feed), 0) last, pruned_up_to"
                        + " from change_feed_epoch",
                (rs, i) -> new Head(rs.getLong("epoch"), rs.getLong("last"), rs.getLong("pruned_up_to")));
    }

    /** One query: the epoch and up to {@code limit} rows after the position. */
    Rows after(long position, int limit) {
        List<FeedRow> rows = new ArrayList<>();
        long[] epoch = {0};
        jdbc.query(
                "select e.epoch, " + COLUMNS + " from change_feed_epoch e left join lateral"
                        + " (select * from change_feed where position > ? order by position limit ?) f on true order by f.position",
                rs -> {
                    epoch[0] = rs.getLong("epoch");
                    if (rs.getObject("position") != null) {
                        rows.add(row(rs));
                    }
                },
                position,
                limit);
        return new Rows(epoch[0], rows);
    }

    /**
     * The rows after a position that concern the user (theirs, or their conversations'), at most
     * {@code limit} + 1 of them: one more than the limit says the backlog is too long to replay.
     */
    List<FeedRow> concerning(UUID user, UUID conversation, long after, int limit) {
        return jdbc.query(
                "select " + COLUMNS + " from change_feed f where f.position > ?"
                        + " and (f.audience = ? or (f.audience is null and exists (select 1 from conversation_member_view m"
                        + " where m.conversation_id = f.conversation_id and m.user_id = ?)))"
                        + (conversation == null ? " and cast(? as uuid) is null" : " and f.conversation_id = ?")
                        + " order by f.position limit ?",
                (rs, i) -> row(rs),
                after,
                user,
                user,
                conversation,
                limit + 1);
    }

    /** The members of these conversations, in one query (the fan-out of one dispatch). */
    Map<UUID, Set<UUID>> members(Collection<UUID> conversations) {
        Map<UUID, Set<UUID>> members = new HashMap<>();
        if (conversations.isEmpty()) {
            return members;
        }
        jdbc.query(
                "select conversation_id, user_id from conversation_member_view where conversation_id = any(?)",
                rs -> {
                    members.computeIfAbsent(rs.getObject("conversation_id", UUID.class), c -> new HashSet<>())
                            .add(rs.getObject("user_id", UUID.class));
                },
                (Object) conversations.toArray(UUID[]::new));
        return members;
    }

    /** Deletes the rows older than the retention and remembers how far: ids up to there cannot be resumed from. */
    int prune(Duration retention) {
        return jdbc.update(
                "with gone as (delete from change_feed where created_at < now() - cast(? as interval) returning position)"
                        + " update change_feed_epoch set pruned_up_to = greatest(pruned_up_to, (select max(position) from gone))"
                        + " where exists (select 1 from gone)",
                retention.toSeconds() + " seconds");
    }

    private static FeedRow row(ResultSet rs) throws SQLException {
        return new FeedRow(
                rs.getLong("position"),
                FeedKind.of(rs.getString("kind")),
                rs.getObject("conversation_id", UUID.class),
                rs.getObject("message_id", UUID.class),
                rs.getObject("audience", UUID.class));
    }
}
