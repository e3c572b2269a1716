package io.chat4all.events.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a conversation. {@code members} are distinct user ids that include the creator; the
 * command side has already checked that they exist and that a private pair is new.
 */
public record CreateConversationCommand(
        @TargetAggregateIdentifier String conversationId,
        ConversationType type,
        List<String> members,
        Map<String, Object> metadata,
        String createdBy,
        Instant createdAt) {}
