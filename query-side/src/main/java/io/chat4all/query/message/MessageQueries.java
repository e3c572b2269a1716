package io.chat4all.query.message;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The questions the read side answers about messages; the caller's id decides what they may see. */
public final class MessageQueries {

    private MessageQueries() {
    }

    /** One message; 404 if unknown, 403 if the caller is not a member of its conversation. */
    public record FindMessage(String messageId, String callerId) {
    }

    /** A page of a conversation's messages, oldest first; the caller's membership is checked before. */
    public record ListMessages(String conversationId, int limit, String cursor) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MessagePage(String conversationId, List<MessageView> messages, String nextCursor) {
    }
}
