package io.chat4all.events.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chat4all.events.ConversationScoped;

/** A conversation exists, with its members (creator included), in the order given. */
public record ConversationCreatedEvent(
        String conversationId,
        ConversationType type,
        List<String> members,
        Map<String, Object> metadata,
        String createdBy,
        Instant createdAt)
        implements ConversationScoped {}
