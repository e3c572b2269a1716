package io.chat4all.events.message;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * {@code reader} has read the conversation up to and including {@code upToMessageId}. The message
 * decides (it knows its conversation); {@code readAt} is taken at the HTTP edge, not in the aggregate.
 */
public record MarkReadCommand(
        @TargetAggregateIdentifier String upToMessageId, String conversationId, String reader, Instant readAt) {}
