package io.chat4all.events.message;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Send a message whose id the client chose. Sent again with the same content it changes
 * nothing (idempotent); with other content it is refused.
 *
 * @param to         one member the message is addressed to, or null for every other member
 * @param recipients who receives it: {@code to} when given, else every member but the sender
 * @param channels   external channels to route to (empty: in-app only), without duplicates
 */
public record SendMessageCommand(
        @TargetAggregateIdentifier String messageId,
        String conversationId,
        String from,
        String fromUsername,
        String to,
        List<String> recipients,
        List<Channel> channels,
        MessagePayload payload,
        Priority priority) {
}
