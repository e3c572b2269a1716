package io.chat4all.events.message;

import java.time.Instant;
import java.util.List;

import io.chat4all.events.ConversationScoped;

/** The hub has accepted (stored) a message; delivery starts from here, to {@code recipients}. */
public record MessageAcceptedEvent(
        String messageId,
        String conversationId,
        String from,
        String fromUsername,
        String to,
        List<String> recipients,
        List<Channel> channels,
        MessagePayload payload,
        Priority priority,
        Instant acceptedAt)
        implements ConversationScoped {}
