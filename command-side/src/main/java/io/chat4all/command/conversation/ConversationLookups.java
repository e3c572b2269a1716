package io.chat4all.command.conversation;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.conversation.ConversationCreatedEvent;
import io.chat4all.events.conversation.ConversationType;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's own view of conversations, just enough to enforce the rules that span
 * aggregates: who is a member, and which pair already has a private conversation. Its
 * processing group is subscribing, so the rows are written in the transaction that stores the
 * event: a second private conversation for a pair fails on the primary key and rolls back.
 */
@Component
@ProcessingGroup(ConversationLookups.PROCESSING_GROUP)
public class ConversationLookups {

    public static final String PROCESSING_GROUP = "conversation-lookup";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ConversationLookups(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(ConversationCreatedEvent event) throws JsonProcessingException {
        UUID conversationId = UUID.fromString(event.conversationId());
        jdbc.batchUpdate(
                "insert into conversation_member_lookup (conversation_id, user_id) values (?, ?) on conflict do nothing",
                event.members().stream()
                        .map(m -> new Object[] {conversationId, UUID.fromString(m)})
                        .toList());
        if (event.type() == ConversationType.PRIVATE) {
            // No "on conflict": a second conversation for the pair must fail, and roll back.
            jdbc.update(
                    "insert into private_pair_lookup (pair_key, conversation_id, member_a, member_b, metadata, created_by, created_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?)",
                    pairKey(event.members()),
                    conversationId,
                    UUID.fromString(event.members().get(0)),
                    UUID.fromString(event.members().get(1)),
                    json.writeValueAsString(event.metadata()),
                    UUID.fromString(event.createdBy()),
                    Timestamp.from(event.createdAt()));
        }
    }

    /** The members of a conversation; empty if there is no such conversation. */
    public List<String> members(String conversationId) {
        return jdbc.queryForList(
                "select user_id::text from conversation_member_lookup where conversation_id = ?",
                String.class,
                UUID.fromString(conversationId));
    }

    /**
     * The members of a conversation the caller belongs to: 404 CONVERSATION_NOT_FOUND for an
     * unknown conversation, 403 ACCESS_DENIED for a caller who is not a member.
     */
    public List<String> membersSeenBy(String conversationId, String callerId) {
        List<String> members = members(conversationId);
        if (members.isEmpty()) {
            throw new HubException(HubError.CONVERSATION_NOT_FOUND);
        }
        if (!members.contains(callerId)) {
            throw new HubException(HubError.ACCESS_DENIED);
        }
        return members;
    }

    /** The private conversation of this pair, if there is one, as it was created. */
    Optional<ConversationCreatedEvent> privateConversationOf(List<String> pair) {
        return jdbc
                .query(
                        "select * from private_pair_lookup where pair_key = ?",
                        (rs, row) -> new ConversationCreatedEvent(
                                rs.getString("conversation_id"),
                                ConversationType.PRIVATE,
                                List.of(rs.getString("member_a"), rs.getString("member_b")),
                                readMetadata(rs.getString("metadata")),
                                rs.getString("created_by"),
                                rs.getTimestamp("created_at").toInstant()),
                        pairKey(pair))
                .stream()
                .findFirst();
    }

    private Map<String, Object> readMetadata(String text) {
        try {
            return json.readValue(text, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable metadata in private_pair_lookup", e);
        }
    }

    static String pairKey(List<String> pair) {
        String a = pair.get(0);
        String b = pair.get(1);
        return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
    }
}
