package io.chat4all.command.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chat4all.events.conversation.ConversationCreatedEvent;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to a create: the conversation as it now exists. */
// Named apart from the read side's ConversationView, which has more fields: one schema name, one shape.
@Schema(name = "CreatedConversation")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ConversationView(
        String conversationId,
        String type,
        List<String> members,
        Map<String, Object> metadata,
        String createdBy,
        Instant createdAt) {

    static ConversationView of(ConversationCreatedEvent created) {
        return new ConversationView(
                created.conversationId(),
                created.type().name().toLowerCase(Locale.ROOT),
                created.members(),
                created.metadata(),
                created.createdBy(),
                created.createdAt());
    }
}
