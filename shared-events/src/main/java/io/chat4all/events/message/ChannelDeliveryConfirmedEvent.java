package io.chat4all.events.message;

import java.time.Instant;
import java.util.List;

import io.chat4all.events.ConversationScoped;

/** One channel delivered the message to its recipients. */
public record ChannelDeliveryConfirmedEvent(
        String messageId, String conversationId, Channel channel, List<String> recipients, Instant deliveredAt)
        implements ConversationScoped {}
