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
 * Completes delivery of accepted messages. It consumes the events from Kafka (a tracking
 * processor on the Axon Kafka extension's streamable source, with its own position), so it
 * could run in another process than the API. Its commands are idempotent: an event seen twice
 * (Kafka is at least once) changes nothing.
 *
 * <p>In-app delivery: the message is stored and readable by every member, so it is delivered
 * as soon as the worker has seen it. Routing to external channels comes with the delivery saga.
 * A file message needs its file in storage; until uploads exist no file is known, so it fails
 * with the reason in its status history.
 */
@Component
@ProcessingGroup(DeliveryWorker.PROCESSING_GROUP)
class DeliveryWorker {

    static final String PROCESSING_GROUP = "delivery-worker";
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final BatchCommands commands;

    DeliveryWorker(BatchCommands commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(MessageAcceptedEvent accepted) {
        if (MessagePayload.FILE.equals(accepted.payload().type())) {
            String reason = "File " + accepted.payload().fileId() + " not found in storage";
            log.error("Message {} failed: {}", accepted.messageId(), reason);
            commands.sendWithinBatch(new FailMessageCommand(accepted.messageId(), reason));
            return;
        }
        commands.sendWithinBatch(new ConfirmDeliveryCommand(accepted.messageId()));
    }
}
