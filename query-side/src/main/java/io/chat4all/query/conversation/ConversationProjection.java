package io.chat4all.query.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.conversation.ConversationCreatedEvent;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.query.BatchedWrites;
import io.chat4all.query.Cursors;
import io.chat4all.query.ReadModelProcessor;
import io.chat4all.query.conversation.ConversationQueries.CheckMembership;
import io.chat4all.query.conversation.ConversationQueries.ConversationPage;
import io.chat4all.query.conversation.ConversationQueries.ConversationViews;
import io.chat4all.query.conversation.ConversationQueries.FindConversation;
import io.chat4all.query.conversation.ConversationQueries.FindConversationsById;
import io.chat4all.query.conversation.ConversationQueries.ListConversations;
import io.chat4all.query.live.ChangeFeed;
import io.chat4all.query.message.ReadReceipts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Conversations and their members as the read side shows them. Records what happened
 * (idempotently: a replayed event changes nothing) and answers the conversation queries.
 */
@Component
@ProcessingGroup(ReadModelProcessor.NAME)
class ConversationProjection {

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final ObjectMapper json;
    private final ReadReceipts readReceipts;
    private final ChangeFeed feed;

    ConversationProjection(
            JdbcTemplate jdbc, BatchedWrites writes, ObjectMapper json, ReadReceipts readReceipts, ChangeFeed feed) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
        this.readReceipts = readReceipts;
        this.feed = feed;
    }

    @EventHandler
    void on(ConversationCreatedEvent event, ReplayStatus replay) throws JsonProcessingException {
        UUID id = UUID.fromString(event.conversationId());
        jdbc.update(
                "insert into conversation_view (conversation_id, type, metadata, created_by, created_at, last_activity_at)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict do nothing",
                id,
                event.type().name().toLowerCase(Locale.ROOT),
                json.writeValueAsString(event.metadata()),
                UUID.fromString(event.createdBy()),
                Timestamp.from(event.createdAt()),
                Timestamp.from(event.createdAt()));
        List<Object[]> members = new ArrayList<>();
        for (int i = 0; i < event.members().size(); i++) {
            members.add(new Object[] {id, UUID.fromString(event.members().get(i)), i});
        }
        jdbc.batchUpdate(
                "insert into conversation_member_view (conversation_id, user_id, position) values (?, ?, ?)"
                        + " on conflict do nothing",
                members);
        if (!replay.isReplay()) { // a rebuild does not announce history to live clients again
            feed.conversationCreated(event.conversationId());
        }
    }

    @EventHandler
    void on(MessageAcceptedEvent event) {
        // Batched: a busy conversation gets many of these per batch; they run after its creation above.
        writes.update(
                "update conversation_view set last_activity_at = ? where conversation_id = ? and last_activity_at < ?",
                Timestamp.from(event.acceptedAt()),
                UUID.fromString(event.conversationId()),
                Timestamp.from(event.acceptedAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("truncate conversation_member_view, conversation_view");
        feed.startNewEpoch();
    }

    @QueryHandler
    ConversationView handle(FindConversation query) {
        checkMembership(query.conversationId(), query.callerId());
        return views(
                        query.callerId(),
                        "select * from conversation_view where conversation_id = ?",
                        UUID.fromString(query.conversationId()))
                .get(0);
    }

    @QueryHandler
    Boolean handle(CheckMembership query) {
        checkMembership(query.conversationId(), query.callerId());
        return Boolean.TRUE;
    }

    @QueryHandler
    ConversationViews handle(FindConversationsById query) {
        return new ConversationViews(
                views(query.viewerId(), "select * from conversation_view where conversation_id = any(?)", (Object)
                        query.conversationIds().stream().map(UUID::fromString).toArray(UUID[]::new)));
    }

    @QueryHandler
    ConversationPage handle(ListConversations query) {
        Cursors.checkLimit(query.limit(), 100);
        List<Object> args = new ArrayList<>(List.of(UUID.fromString(query.callerId())));
        String after = "";
        if (query.cursor() != null && !query.cursor().isBlank()) {
            String[] position = Cursors.decode(query.cursor()).split("\\|");
            if (position.length != 2) {
                throw Cursors.invalid();
            }
            after = " and (c.last_activity_at, c.conversation_id) < (?, ?)";
            try {
                args.add(Timestamp.from(Instant.parse(position[0])));
                args.add(UUID.fromString(position[1]));
            } catch (RuntimeException e) {
                throw Cursors.invalid();
            }
        }
        args.add(query.limit() + 1);
        List<ConversationView> page = views(
                query.callerId(),
                "select c.* from conversation_view c join conversation_member_view m"
                        + " on m.conversation_id = c.conversation_id and m.user_id = ?" + " where true" + after
                        + " order by c.last_activity_at desc, c.conversation_id desc limit ?",
                args.toArray());
        String next = null;
        if (page.size() > query.limit()) {
            page = page.subList(0, query.limit());
            ConversationView last = page.get(page.size() - 1);
            next = Cursors.encode(last.lastActivityAt() + "|" + last.conversationId());
        }
        return new ConversationPage(page, next);
    }

    private void checkMembership(String conversationId, String callerId) {
        List<Boolean> membership = jdbc.queryForList(
                "select exists (select 1 from conversation_member_view m where m.conversation_id = c.conversation_id and m.user_id = ?)"
                        + " from conversation_view c where c.conversation_id = ?",
                Boolean.class,
                UUID.fromString(callerId),
                UUID.fromString(conversationId));
        if (membership.isEmpty()) {
            throw new HubException(HubError.CONVERSATION_NOT_FOUND);
        }
        if (!membership.get(0)) {
            throw new HubException(HubError.ACCESS_DENIED);
        }
    }

    /** Conversations with their members and the caller's activity, in three queries however many there are. */
    private List<ConversationView> views(String callerId, String sql, Object... args) {
        List<Map.Entry<UUID, ConversationView>> rows =
                jdbc.query(sql, (rs, i) -> Map.entry(rs.getObject("conversation_id", UUID.class), row(rs)), args);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<String>> members = new LinkedHashMap<>();
        rows.forEach(r -> members.put(r.getKey(), new ArrayList<>()));
        jdbc.query(
                "select conversation_id, user_id from conversation_member_view where conversation_id = any(?) order by position",
                rs -> {
                    members.get(rs.getObject("conversation_id", UUID.class)).add(rs.getString("user_id"));
                },
                (Object) members.keySet().toArray(UUID[]::new));
        Map<UUID, ReadReceipts.Activity> activity =
                readReceipts.activity(callerId, members.keySet().toArray(UUID[]::new));
        return rows.stream()
                .map(r -> complete(r.getValue(), members.get(r.getKey()), activity.get(r.getKey())))
                .toList();
    }

    private ConversationView row(ResultSet rs) throws SQLException {
        try {
            return new ConversationView(
                    rs.getString("conversation_id"),
                    rs.getString("type"),
                    List.of(),
                    json.readValue(rs.getString("metadata"), new TypeReference<Map<String, Object>>() {}),
                    rs.getString("created_by"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("last_activity_at").toInstant(),
                    0,
                    null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Unreadable metadata of conversation " + rs.getString("conversation_id"), e);
        }
    }

    private static ConversationView complete(
            ConversationView view, List<String> members, ReadReceipts.Activity activity) {
        return new ConversationView(
                view.conversationId(),
                view.type(),
                List.copyOf(members),
                view.metadata(),
                view.createdBy(),
                view.createdAt(),
                view.lastActivityAt(),
                activity.unreadCount(),
                activity.lastMessageAt());
    }
}
