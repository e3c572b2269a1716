package io.chat4all.events.message;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delivery of the message failed for {@code reason}, found at {@code failedAt}. Ignored once the message is final. */
public record FailMessageCommand(@TargetAggregateIdentifier String messageId, String reason, Instant failedAt) {}
