package io.chat4all.events.message;

import java.time.Instant;

import io.chat4all.events.ConversationScoped;

public record MessageDeliveredEvent(String messageId, String conversationId, Instant deliveredAt)
        implements ConversationScoped {}
