package io.chat4all.events.message;

import java.time.Instant;
import java.util.List;

import io.chat4all.events.ConversationScoped;

/** The message is IN_TRANSIT: one record per channel is on the channel topics. */
public record MessageRoutedEvent(String messageId, String conversationId, List<Channel> channels, Instant routedAt)
        implements ConversationScoped {}
