package io.chat4all.events.message;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A send whose message id the event store already holds. {@link SendMessageCommand} creates its
 * message without loading one first (a new id is the rule, and a load that finds nothing costs a
 * query and an exception per message); when the store then refuses the id as taken, the send is
 * repeated as this, which loads the stored message and answers as a repeat does.
 */
public record RepeatSendCommand(@TargetAggregateIdentifier String messageId, SendMessageCommand send) {

    public RepeatSendCommand(SendMessageCommand send) {
        this(send.messageId(), send);
    }
}
