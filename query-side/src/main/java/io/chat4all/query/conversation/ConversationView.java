package io.chat4all.query.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A conversation as its members see it; unread_count is the caller's (messages from others not read yet). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConversationView(
        String conversationId,
        String type,
        List<String> members,
        Map<String, Object> metadata,
        String createdBy,
        Instant createdAt,
        Instant lastActivityAt,
        int unreadCount,
        Instant lastMessageAt) {}
