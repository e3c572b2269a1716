package io.chat4all.saga.delivery;

import java.util.Optional;

import io.chat4all.events.message.ConfirmDeliveryCommand;
import io.chat4all.events.message.FailMessageCommand;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.saga.file.FileCheck;
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
 * <p>A file message is delivered only if its file is COMPLETED and its object is in storage;
 * otherwise it fails with the reason in its status history and an ERROR line (FR-028, FR-029).
 * (The delivery saga checks a file message with channels the same way before routing it.)
 */
@Component
@ProcessingGroup(InAppDelivery.PROCESSING_GROUP)
class InAppDelivery {

    static final String PROCESSING_GROUP = "delivery-worker";
    private static final Logger log = LoggerFactory.getLogger(InAppDelivery.class);

    private final DeliveryCommands commands;
    private final FileCheck files;

    InAppDelivery(DeliveryCommands commands, FileCheck files) {
        this.commands = commands;
        this.files = files;
    }

    @EventHandler
    void on(MessageAcceptedEvent accepted) {
        if (!accepted.channels().isEmpty()) {
            return; // the delivery saga's
        }
        Optional<String> undeliverable = MessagePayload.FILE.equals(accepted.payload().type())
                ? files.undeliverableReason(accepted.payload().fileId(), accepted.conversationId())
                : Optional.empty();
        if (undeliverable.isPresent()) {
            log.error("Message {} failed: {}", accepted.messageId(), undeliverable.get());
            commands.send(new FailMessageCommand(accepted.messageId(), undeliverable.get()));
        } else {
            commands.send(new ConfirmDeliveryCommand(accepted.messageId()));
        }
    }
}
