package io.chat4all.events.message;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delivery of the message is complete. Idempotent: a delivered message stays as it is. */
public record ConfirmDeliveryCommand(@TargetAggregateIdentifier String messageId) {
}
