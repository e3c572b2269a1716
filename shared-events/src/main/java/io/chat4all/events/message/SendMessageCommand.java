package io.chat4all.events.message;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Send a message whose id the client chose. Sent again with the same content it changes
 * nothing (idempotent); with other content it is refused.
 *
 * <p>Who receives it (the recipients) is the Message aggregate's to decide, from the conversation's members.
 *
 * @param to         one member the message is addressed to, or null for every other member
 * @param channels   external channels to route to (empty: in-app only), without duplicates
 * @param acceptedAt when the hub received it (stamped by the HTTP edge); the message's own time
 */
public record SendMessageCommand(
        @TargetAggregateIdentifier String messageId,
        String conversationId,
        String from,
        String fromUsername,
        String to,
        List<Channel> channels,
        MessagePayload payload,
        Priority priority,
        Instant acceptedAt) {}
