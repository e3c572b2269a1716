package io.chat4all.events.message;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delivery of the message failed for {@code reason}. Ignored once the message is final. */
public record FailMessageCommand(@TargetAggregateIdentifier String messageId, String reason) {
}
