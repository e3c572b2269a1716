package io.chat4all.events.message;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delivery of the message is complete (in-app: stored and readable by every member), at
 * {@code deliveredAt}. Idempotent: a delivered message stays as it is.
 */
public record ConfirmDeliveryCommand(
        @TargetAggregateIdentifier String messageId, Instant deliveredAt) {}
