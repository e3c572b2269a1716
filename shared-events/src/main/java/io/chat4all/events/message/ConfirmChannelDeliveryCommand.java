package io.chat4all.events.message;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A channel's connector reports that it delivered the message to these recipients. A receipt
 * seen twice (Kafka is at least once) changes nothing.
 */
public record ConfirmChannelDeliveryCommand(
        @TargetAggregateIdentifier String messageId, Channel channel, List<String> recipients, Instant deliveredAt) {}
