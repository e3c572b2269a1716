package io.chat4all.query.conversation;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The questions the read side answers about conversations; the caller's id decides what they may see. */
public final class ConversationQueries {

    private ConversationQueries() {}

    /** One conversation; 404 if unknown, 403 if the caller is not a member. */
    public record FindConversation(String conversationId, String callerId) {}

    /** The caller's conversations, most recent activity first. */
    public record ListConversations(String callerId, int limit, String cursor) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ConversationPage(List<ConversationView> conversations, String nextCursor) {}

    /** Members only: 404 if the conversation is unknown, 403 if the caller is not a member; else nothing. */
    public record CheckMembership(String conversationId, String callerId) {}

    /**
     * The views of these conversations as one member sees them (its unread_count), unknown ones
     * left out; no membership check: for the live streams, which fan views out to members only.
     */
    public record FindConversationsById(List<String> conversationIds, String viewerId) {}

    public record ConversationViews(List<ConversationView> conversations) {}
}
