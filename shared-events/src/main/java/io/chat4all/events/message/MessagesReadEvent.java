package io.chat4all.events.message;

import java.time.Instant;

import io.chat4all.events.ConversationScoped;

/**
 * {@code reader} read every message of the conversation up to and including {@code upToMessageId}
 * (those sent by others count as read by them from {@code readAt}, unless read earlier).
 */
public record MessagesReadEvent(String conversationId, String reader, String upToMessageId, Instant readAt)
        implements ConversationScoped {}
