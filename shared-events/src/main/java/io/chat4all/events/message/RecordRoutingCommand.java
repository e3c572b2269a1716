package io.chat4all.events.message;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The message has been handed to these channels' topics at {@code routedAt} (IN_TRANSIT).
 * Ignored once it is past ACCEPTED.
 */
public record RecordRoutingCommand(
        @TargetAggregateIdentifier String messageId, List<Channel> channels, Instant routedAt) {}
