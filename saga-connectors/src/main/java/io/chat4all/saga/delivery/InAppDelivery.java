package io.chat4all.saga.delivery;

import io.chat4all.events.message.ConfirmDeliveryCommand;
import io.chat4all.events.message.FailMessageCommand;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessagePayload;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Completes in-app delivery: a message without channels is stored and readable by every
 * member, so it is delivered as soon as this worker has seen it. It consumes the events from
 * Kafka (a tracking processor on the Axon Kafka extension's streamable source, with its own
 * position), apart from the delivery saga, which handles the messages with channels: the in-app
 * path needs no saga state and so never waits behind the channel messages' routing.
 *
 * <p>A file message needs its file in storage; until uploads exist no file is known, so it
 * fails with the reason in its status history (FR-028, FR-029).
 */
@Component
@ProcessingGroup(InAppDelivery.PROCESSING_GROUP)
class InAppDelivery {

    static final String PROCESSING_GROUP = "delivery-worker";
    private static final Logger log = LoggerFactory.getLogger(InAppDelivery.class);

    private final DeliveryCommands commands;

    InAppDelivery(DeliveryCommands commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(MessageAcceptedEvent accepted) {
        if (MessagePayload.FILE.equals(accepted.payload().type())) {
            String reason = "File " + accepted.payload().fileId() + " not found in storage";
            log.error("Message {} failed: {}", accepted.messageId(), reason);
            commands.send(new FailMessageCommand(accepted.messageId(), reason));
        } else if (accepted.channels().isEmpty()) {
            commands.send(new ConfirmDeliveryCommand(accepted.messageId()));
        }
    }
}
