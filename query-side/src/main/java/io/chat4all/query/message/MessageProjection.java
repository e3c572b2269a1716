package io.chat4all.query.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.message.ChannelDeliveryConfirmedEvent;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessageDeliveredEvent;
import io.chat4all.events.message.MessageFailedEvent;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.events.message.MessageRoutedEvent;
import io.chat4all.events.message.MessageStatus;
import io.chat4all.query.BatchedWrites;
import io.chat4all.query.Cursors;
import io.chat4all.query.ReadModelProcessor;
import io.chat4all.query.file.FileProjection;
import io.chat4all.query.file.FileProjection.FileSummary;
import io.chat4all.query.live.ChangeFeed;
import io.chat4all.query.live.ChangeFeed.Audience;
import io.chat4all.query.message.MessageQueries.Direction;
import io.chat4all.query.message.MessageQueries.FindMessage;
import io.chat4all.query.message.MessageQueries.FindMessagesById;
import io.chat4all.query.message.MessageQueries.ListMessages;
import io.chat4all.query.message.MessageQueries.MessagePage;
import io.chat4all.query.message.MessageQueries.MessageViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Messages, their status history and deliveries as the read side shows them. It only records:
 * every write is idempotent (a replayed event changes nothing) and a final status (DELIVERED,
 * FAILED) is never overwritten.
 */
@Component
@ProcessingGroup(ReadModelProcessor.NAME)
class MessageProjection {

    private static final String BACKWARD_CURSOR = "before:";

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final ObjectMapper json;
    private final FileProjection files;
    private final ReadReceipts readReceipts;
    private final ChangeFeed feed;

    MessageProjection(
            JdbcTemplate jdbc,
            BatchedWrites writes,
            ObjectMapper json,
            FileProjection files,
            ReadReceipts readReceipts,
            ChangeFeed feed) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
        this.files = files;
        this.readReceipts = readReceipts;
        this.feed = feed;
    }

    @EventHandler
    void on(MessageAcceptedEvent event, ReplayStatus replay) throws JsonProcessingException {
        UUID id = UUID.fromString(event.messageId());
        Timestamp at = Timestamp.from(event.acceptedAt());
        writes.insert(
                "insert into message_view (message_id, conversation_id, from_user, from_username, to_user, channels,"
                        + " priority, payload, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict do nothing",
                id,
                UUID.fromString(event.conversationId()),
                UUID.fromString(event.from()),
                event.fromUsername(),
                event.to() == null ? null : UUID.fromString(event.to()),
                event.channels().stream()
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(",")),
                event.priority().name().toLowerCase(Locale.ROOT),
                json.writeValueAsString(payloadView(event.payload())),
                MessageStatus.ACCEPTED.name(),
                at,
                at);
        recordStep(id, MessageStatus.ACCEPTED, event.acceptedAt(), null);
        if (!replay.isReplay()) { // a rebuild does not announce history to live clients again
            feed.messageAccepted(event.conversationId(), event.messageId());
        }
    }

    @EventHandler
    void on(MessageRoutedEvent event, ReplayStatus replay) {
        writes.update(
                "update message_view set status = ?, updated_at = ? where message_id = ? and status = 'ACCEPTED'",
                MessageStatus.IN_TRANSIT.name(),
                Timestamp.from(event.routedAt()),
                UUID.fromString(event.messageId()));
        recordStep(UUID.fromString(event.messageId()), MessageStatus.IN_TRANSIT, event.routedAt(), null);
        statusChanged(event.conversationId(), event.messageId(), replay);
    }

    @EventHandler
    void on(ChannelDeliveryConfirmedEvent event, ReplayStatus replay) {
        String channel = event.channel().name().toLowerCase(Locale.ROOT);
        for (String recipient : event.recipients()) {
            writes.insert(
                    "insert into message_delivery_view (message_id, channel, recipient, status, at) values (?, ?, ?, ?, ?)"
                            + " on conflict do nothing",
                    UUID.fromString(event.messageId()),
                    channel,
                    UUID.fromString(recipient),
                    MessageStatus.DELIVERED.name(),
                    Timestamp.from(event.deliveredAt()));
        }
        statusChanged(event.conversationId(), event.messageId(), replay);
    }

    @EventHandler
    void on(MessageDeliveredEvent event, ReplayStatus replay) {
        finish(UUID.fromString(event.messageId()), MessageStatus.DELIVERED, event.deliveredAt(), null);
        statusChanged(event.conversationId(), event.messageId(), replay);
    }

    @EventHandler
    void on(MessageFailedEvent event, ReplayStatus replay) {
        finish(UUID.fromString(event.messageId()), MessageStatus.FAILED, event.failedAt(), event.reason());
        statusChanged(event.conversationId(), event.messageId(), replay);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("truncate message_delivery_view, message_status_history, message_view");
        jdbc.execute("alter sequence message_view_seq restart");
        feed.startNewEpoch();
    }

    /** The sender's stream hears of every change of its message's view (not during a rebuild: that is history). */
    private void statusChanged(String conversationId, String messageId, ReplayStatus replay) {
        if (!replay.isReplay()) {
            feed.messageChanged(conversationId, messageId, Audience.SENDER);
        }
    }

    private void finish(UUID messageId, MessageStatus status, Instant at, String note) {
        writes.update(
                "update message_view set status = ?, updated_at = ? where message_id = ? and status not in ('DELIVERED', 'FAILED')",
                status.name(),
                Timestamp.from(at),
                messageId);
        recordStep(messageId, status, at, note);
    }

    private void recordStep(UUID messageId, MessageStatus status, Instant at, String note) {
        writes.insert(
                "insert into message_status_history (message_id, status, at, note) values (?, ?, ?, ?) on conflict do nothing",
                messageId,
                status.name(),
                Timestamp.from(at),
                note);
    }

    /** As API.md shows a payload: a text's text, a file's id (its details are added when read, from the file view). */
    private static Map<String, Object> payloadView(MessagePayload payload) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", payload.type());
        if (MessagePayload.FILE.equals(payload.type())) {
            view.put("file_id", payload.fileId());
            view.put("download_url", "/v1/files/" + payload.fileId() + "/download");
        } else {
            view.put("text", payload.text());
        }
        return view;
    }

    @QueryHandler
    MessageView handle(FindMessage query) {
        List<Boolean> membership = jdbc.queryForList(
                "select exists (select 1 from conversation_member_view m"
                        + " where m.conversation_id = v.conversation_id and m.user_id = ?) from message_view v where v.message_id = ?",
                Boolean.class,
                UUID.fromString(query.callerId()),
                UUID.fromString(query.messageId()));
        if (membership.isEmpty()) {
            throw new HubException(HubError.MESSAGE_NOT_FOUND);
        }
        if (!membership.get(0)) {
            throw new HubException(HubError.ACCESS_DENIED);
        }
        return views("select * from message_view where message_id = ?", UUID.fromString(query.messageId()))
                .get(0);
    }

    @QueryHandler
    MessageViews handle(FindMessagesById query) {
        return new MessageViews(views("select * from message_view where message_id = any(?)", (Object)
                query.messageIds().stream().map(UUID::fromString).toArray(UUID[]::new)));
    }

    @QueryHandler
    MessagePage handle(ListMessages query) {
        Cursors.checkLimit(query.limit(), 200);
        boolean backward = query.direction() == Direction.BACKWARD;
        Long from = query.cursor() == null || query.cursor().isBlank() ? null : position(query.cursor(), backward);
        UUID conversationId = UUID.fromString(query.conversationId());
        // One more row than asked for says whether another page follows. Backward takes the newest
        // rows before the cursor (a backward scan of the (conversation_id, seq) index), then shows them oldest first.
        List<Row> rows = backward
                ? rows(
                        "select * from (select * from message_view where conversation_id = ? and seq < ? order by seq desc limit ?) p"
                                + " order by seq",
                        conversationId,
                        from == null ? Long.MAX_VALUE : from,
                        query.limit() + 1)
                : rows(
                        "select * from message_view where conversation_id = ? and seq > ? order by seq limit ?",
                        conversationId,
                        from == null ? 0L : from,
                        query.limit() + 1);
        String next = null;
        if (rows.size() > query.limit()) {
            rows = backward ? rows.subList(1, rows.size()) : rows.subList(0, query.limit());
            long edge = backward ? rows.get(0).seq() : rows.get(rows.size() - 1).seq();
            next = Cursors.encode((backward ? BACKWARD_CURSOR : "") + edge);
        }
        return new MessagePage(
                query.conversationId(), withDetails(rows.stream().map(Row::view).toList()), next);
    }

    /**
     * The seq a cursor continues from. A forward cursor is the bare seq (as before backward paging
     * existed, so cursors already handed out stay good), a backward one is prefixed: a cursor used
     * with the other direction is a cursor this listing did not make (400).
     */
    private static long position(String cursor, boolean backward) {
        String position = Cursors.decode(cursor);
        if (backward != position.startsWith(BACKWARD_CURSOR)) {
            throw Cursors.invalid();
        }
        try {
            return Long.parseLong(backward ? position.substring(BACKWARD_CURSOR.length()) : position);
        } catch (NumberFormatException e) {
            throw Cursors.invalid();
        }
    }

    private List<Row> rows(String sql, Object... args) {
        return jdbc.query(sql, (rs, i) -> new Row(rs.getLong("seq"), row(rs)), args);
    }

    /** A message row with its place in the conversation, which the cursors are made of. */
    private record Row(long seq, MessageView view) {}

    /** Messages with their histories, deliveries, readers and files: the same few queries per page, however long it is. */
    private List<MessageView> views(String sql, Object... args) {
        return withDetails(jdbc.query(sql, (rs, i) -> row(rs), args));
    }

    private List<MessageView> withDetails(List<MessageView> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        UUID[] ids = rows.stream().map(r -> UUID.fromString(r.messageId())).toArray(UUID[]::new);
        Map<String, List<MessageView.StatusStep>> history = new HashMap<>();
        jdbc.query(
                "select * from message_status_history where message_id = any(?) order by at, status",
                rs -> {
                    history.computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>())
                            .add(new MessageView.StatusStep(
                                    rs.getString("status"),
                                    rs.getTimestamp("at").toInstant(),
                                    rs.getString("note")));
                },
                (Object) ids);
        Map<String, List<MessageView.Delivery>> deliveries = new HashMap<>();
        jdbc.query(
                "select * from message_delivery_view where message_id = any(?) order by at, channel, recipient",
                rs -> {
                    deliveries
                            .computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>())
                            .add(new MessageView.Delivery(
                                    rs.getString("channel"),
                                    rs.getString("recipient"),
                                    rs.getString("status"),
                                    rs.getTimestamp("at").toInstant()));
                },
                (Object) ids);
        Map<String, List<MessageView.Read>> readers = readReceipts.readBy(ids);
        Map<String, FileSummary> fileDetails = files.summaries(rows.stream()
                .map(MessageView::payload)
                .filter(p -> MessagePayload.FILE.equals(p.get("type")))
                .map(p -> (String) p.get("file_id"))
                .distinct()
                .toList());
        return rows.stream()
                .map(r -> new MessageView(
                        r.messageId(),
                        r.conversationId(),
                        r.from(),
                        r.fromUsername(),
                        r.to(),
                        r.channels(),
                        r.priority(),
                        withFileDetails(r.payload(), fileDetails),
                        r.status(),
                        r.createdAt(),
                        r.updatedAt(),
                        List.copyOf(deliveries.getOrDefault(r.messageId(), List.of())),
                        ordered(history.getOrDefault(r.messageId(), List.of())),
                        List.copyOf(readers.getOrDefault(r.messageId(), List.of()))))
                .toList();
    }

    /** A file payload as API.md shows it: the file's name, size and type beside its id and download URL. */
    private static Map<String, Object> withFileDetails(Map<String, Object> payload, Map<String, FileSummary> files) {
        if (!MessagePayload.FILE.equals(payload.get("type"))) {
            return payload;
        }
        FileSummary file = files.get((String) payload.get("file_id"));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", payload.get("type"));
        view.put("file_id", payload.get("file_id"));
        view.put("filename", file == null ? null : file.filename());
        view.put("size", file == null ? null : file.size());
        view.put("content_type", file == null ? null : file.contentType());
        view.put("download_url", payload.get("download_url"));
        return view;
    }

    /** In lifecycle order: timestamps of steps can tie at the database's precision. */
    private static List<MessageView.StatusStep> ordered(List<MessageView.StatusStep> steps) {
        List<MessageView.StatusStep> sorted = new ArrayList<>(steps);
        sorted.sort((a, b) -> a.at().equals(b.at())
                ? MessageStatus.valueOf(a.status()).compareTo(MessageStatus.valueOf(b.status()))
                : a.at().compareTo(b.at()));
        return List.copyOf(sorted);
    }

    private MessageView row(ResultSet rs) throws SQLException {
        String channels = rs.getString("channels");
        try {
            return new MessageView(
                    rs.getString("message_id"),
                    rs.getString("conversation_id"),
                    rs.getString("from_user"),
                    rs.getString("from_username"),
                    rs.getString("to_user"),
                    channels.isEmpty() ? List.of() : Arrays.asList(channels.split(",")),
                    rs.getString("priority"),
                    json.readValue(rs.getString("payload"), new TypeReference<Map<String, Object>>() {}),
                    rs.getString("status"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant(),
                    List.of(),
                    List.of(),
                    List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable payload of message " + rs.getString("message_id"), e);
        }
    }
}
