package io.chat4all.query.message;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chat4all.events.message.MessagesReadEvent;
import io.chat4all.query.BatchedWrites;
import io.chat4all.query.ReadModelProcessor;
import io.chat4all.query.live.ChangeFeed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who read what (API.md, Read receipts): the read marks of each member, and what they give the
 * views: a message's read_by, a conversation's unread_count and last_message_at for one caller.
 * Projected with the messages (one processor, {@link ReadModelProcessor}), whose message_view seq the marks point to.
 */
@Component
@ProcessingGroup(ReadModelProcessor.NAME)
public class ReadReceipts {

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final ChangeFeed feed;

    ReadReceipts(JdbcTemplate jdbc, BatchedWrites writes, ChangeFeed feed) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.feed = feed;
    }

    /** A conversation's messages as one caller sees them: how many from others are unread, and the newest. */
    public record Activity(int unreadCount, Instant lastMessageAt) {}

    /**
     * A mark only if it advances the reader's highest one. A derived insert: it reads the seq of
     * its message, which the same batch may insert (a processor catching up or replaying reads a
     * message and its read together), so it runs after the batch's inserts.
     */
    @EventHandler
    void on(MessagesReadEvent event, ReplayStatus replay) {
        UUID reader = UUID.fromString(event.reader());
        writes.insertDerived(
                "insert into message_read_mark (conversation_id, reader, up_to_seq, read_at)"
                        + " select v.conversation_id, ?, v.seq, ? from message_view v where v.message_id = ?"
                        + " and v.seq > coalesce((select max(r.up_to_seq) from message_read_mark r"
                        + " where r.conversation_id = v.conversation_id and r.reader = ?), 0) on conflict do nothing",
                reader,
                Timestamp.from(event.readAt()),
                UUID.fromString(event.upToMessageId()),
                reader);
        if (!replay.isReplay()) {
            feed.messagesRead(event.conversationId(), event.reader(), event.upToMessageId(), event.readAt());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.execute("truncate message_read_mark");
    }

    /** read_by of each message: every reader but its sender, with the earliest read that covered it; one query. */
    Map<String, List<MessageView.Read>> readBy(UUID[] messageIds) {
        Map<String, List<MessageView.Read>> readers = new HashMap<>();
        jdbc.query(
                "select m.message_id, r.reader, min(r.read_at) as at from message_view m join message_read_mark r"
                        + " on r.conversation_id = m.conversation_id and r.up_to_seq >= m.seq and r.reader <> m.from_user"
                        + " where m.message_id = any(?) group by m.message_id, r.reader order by at, r.reader",
                rs -> {
                    readers.computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>())
                            .add(new MessageView.Read(
                                    rs.getString("reader"),
                                    rs.getTimestamp("at").toInstant()));
                },
                (Object) messageIds);
        return readers;
    }

    /** The caller's activity in each of these conversations, in one query however many there are. */
    public Map<UUID, Activity> activity(String callerId, UUID[] conversationIds) {
        UUID caller = callerId == null ? null : UUID.fromString(callerId); // null: nobody's, every message read
        Map<UUID, Activity> activity = new HashMap<>();
        jdbc.query(
                "select c.id, (select max(v.created_at) from message_view v where v.conversation_id = c.id) as last_message_at,"
                        + " (select count(*) from message_view v where v.conversation_id = c.id and v.from_user <> ?::uuid"
                        + " and v.seq > coalesce((select max(r.up_to_seq) from message_read_mark r"
                        + " where r.conversation_id = c.id and r.reader = ?::uuid), 0)) as unread"
                        + " from unnest(?::uuid[]) as c(id)",
                rs -> {
                    Timestamp last = rs.getTimestamp("last_message_at");
                    activity.put(
                            rs.getObject("id", UUID.class),
                            new Activity(rs.getInt("unread"), last == null ? null : last.toInstant()));
                },
                caller,
                caller,
                conversationIds);
        return activity;
    }
}
