package io.chat4all.events.message;

import java.time.Instant;

import io.chat4all.events.ConversationScoped;

public record MessageFailedEvent(String messageId, String conversationId, String reason, Instant failedAt)
        implements ConversationScoped {}
