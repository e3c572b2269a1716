package io.chat4all.query.live;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.chat4all.query.BatchedWrites;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the projections tell live clients: one row per change in the change feed, written with
 * the projection's own batch (same transaction as the read model and the processor's token), and
 * a NOTIFY that PostgreSQL delivers at commit to every process that serves streams.
 */
@Component
public class ChangeFeed {

    /** The channel of the NOTIFY that wakes the stream dispatchers ({@link FeedListener}). */
    static final String CHANNEL = "chat4all_change_feed";

    /**
     * Positions must become visible in their order, or a dispatcher that has read position 11 would
     * never see a 10 that committed later (two projections write the feed side by side). The
     * advisory lock, taken before the position is drawn and held until commit, orders them; it is
     * held only for the end of a batch. The sender of a status change is read from the message
     * view, which the batch has written before (appends run after every insert and update).
     */
    private static final String APPEND = "insert into change_feed (kind, conversation_id, message_id, audience)"
            + " select cast(? as varchar), cast(? as uuid), cast(? as uuid),"
            + " case when cast(? as boolean) then (select from_user from message_view where message_id = cast(? as uuid)) end"
            + " from (select pg_advisory_xact_lock(" + 0x43_34_41_4CL + ")) serialized";

    private static final String READ = "insert into change_feed (kind, conversation_id, message_id, audience)"
            + " select '" + FeedKind.STATUS.wireName() + "', v.conversation_id, v.message_id, null"
            + " from (select pg_advisory_xact_lock(" + 0x43_34_41_4CL + ")) serialized,"
            + " message_read_mark mark join message_view up_to on up_to.seq = mark.up_to_seq"
            + " join message_view v on v.conversation_id = mark.conversation_id and v.seq <= mark.up_to_seq"
            + " where mark.conversation_id = ? and mark.reader = ? and up_to.message_id = ? and mark.read_at = ?"
            + " and v.from_user <> mark.reader and v.seq > coalesce((select max(earlier.up_to_seq) from message_read_mark earlier"
            + " where earlier.conversation_id = mark.conversation_id and earlier.reader = ? and earlier.up_to_seq < mark.up_to_seq), 0)"
            + " order by v.seq";
    private static final String NOTIFY = "notify " + CHANNEL;
    private static final String NOTIFIED = ChangeFeed.class.getName() + ".notified";

    /** Who a change is for. */
    public enum Audience {
        /** Every member of the conversation (a new conversation, a new message, a read receipt). */
        ALL_MEMBERS,
        /** The message's sender only (its status and deliveries). */
        SENDER
    }

    private final BatchedWrites writes;
    private final JdbcTemplate jdbc;

    ChangeFeed(BatchedWrites writes, JdbcTemplate jdbc) {
        this.writes = writes;
        this.jdbc = jdbc;
    }

    /** A conversation was created: its view goes to every member. */
    public void conversationCreated(String conversationId) {
        append(FeedKind.CONVERSATION, conversationId, null, Audience.ALL_MEMBERS);
    }

    /** A message was accepted: its view goes to every member. */
    public void messageAccepted(String conversationId, String messageId) {
        append(FeedKind.MESSAGE, conversationId, messageId, Audience.ALL_MEMBERS);
    }

    /**
     * A message's view changed: its status or deliveries ({@link Audience#SENDER}), or, for read
     * receipts, what every member sees ({@link Audience#ALL_MEMBERS}): one call per newly read message.
     */
    public void messageChanged(String conversationId, String messageId, Audience audience) {
        append(FeedKind.STATUS, conversationId, messageId, audience);
    }

    /**
     * A member read up to a message: one {@code status} change per message this read newly marked,
     * to every member. Runs after the batch's inserts, so the reader's new mark (written only if
     * it advanced the reading; V230) is in place: the messages past the reader's previous mark, up
     * to the new one, from others, are the newly read ones; a read that advanced nothing adds none.
     */
    public void messagesRead(String conversationId, String reader, String upToMessageId, Instant readAt) {
        UUID conversation = UUID.fromString(conversationId);
        UUID who = UUID.fromString(reader);
        writes.append(READ, conversation, who, UUID.fromString(upToMessageId), Timestamp.from(readAt), who);
        notifyAtCommit();
    }

    /**
     * A projection is being rebuilt by replay: ids handed out so far can no longer be resumed from
     * (a client holding one gets {@code event: reset}), and the replay writes no feed rows.
     */
    public void startNewEpoch() {
        jdbc.update("update change_feed_epoch set epoch = epoch + 1");
    }

    private void append(FeedKind kind, String conversationId, String messageId, Audience audience) {
        UUID message = messageId == null ? null : UUID.fromString(messageId);
        writes.append(
                APPEND,
                kind.wireName(),
                UUID.fromString(conversationId),
                message,
                audience == Audience.SENDER,
                message);
        notifyAtCommit();
    }

    private void notifyAtCommit() {
        boolean once = !CurrentUnitOfWork.isStarted()
                || CurrentUnitOfWork.get()
                        .root()
                        .getOrComputeResource(NOTIFIED, key -> Boolean.FALSE)
                        .equals(Boolean.FALSE);
        if (once) {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().resources().put(NOTIFIED, Boolean.TRUE);
            }
            writes.append(NOTIFY); // delivered at commit; PostgreSQL folds duplicates anyway
        }
    }
}
