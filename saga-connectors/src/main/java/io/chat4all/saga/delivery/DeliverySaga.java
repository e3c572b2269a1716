package io.chat4all.saga.delivery;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.chat4all.events.message.FailMessageCommand;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessageDeliveredEvent;
import io.chat4all.events.message.MessageFailedEvent;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.events.message.RecordRoutingCommand;
import io.chat4all.saga.file.FileCheck;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one message with channels (in-app only messages are {@link InAppDelivery}'s and do
 * not reach this saga). With channels: a file message's file checked first (else FAILED), one
 * record per channel handed to the channel topics, the message recorded IN_TRANSIT, and a
 * deadline set; the Message aggregate becomes DELIVERED when every channel's receipt is in, or
 * the deadline fails it.
 * Either way the saga then ends. It reads the events from Kafka (its processor's source is the
 * Axon Kafka extension's streamable source), so it could run apart from the API.
 *
 * <p>Its state is only the message id, kept in memory (see {@link DeliverySagaConfiguration}):
 * what must survive a restart, the deadline, is a row in PostgreSQL, and the outcome is the
 * Message aggregate's to decide.
 */
@Saga(sagaStore = DeliverySagaConfiguration.SAGA_STORE)
@ProcessingGroup(DeliverySaga.PROCESSING_GROUP)
public class DeliverySaga {

    static final String PROCESSING_GROUP = "delivery-saga";
    private static final Logger log = LoggerFactory.getLogger(DeliverySaga.class);

    private String messageId;

    @StartSaga
    @SagaEventHandler(associationProperty = "messageId")
    public void on(MessageAcceptedEvent accepted, DeliveryCommands commands, ChannelRouter router,
                   DeliveryDeadlines deadlines, DeliverySettings settings, FileCheck files) {
        messageId = accepted.messageId();
        if (accepted.channels().isEmpty()) {
            SagaLifecycle.end(); // in-app delivery is InAppDelivery's; an in-memory saga that ends at once costs nothing
            return;
        }
        deadlines.schedule(messageId, settings.deadline());
        // Beside the batch's other messages. The batch (and with it the processor's position) waits
        // only for the broker's acks of the channel records: IN_TRANSIT is recorded in the
        // background, as a receipt records it too if it comes first (see Message), so a lost
        // RecordRouting loses nothing. A file message goes out only if its file is there.
        commands.runWithinBatch(() -> {
            if (MessagePayload.FILE.equals(accepted.payload().type())) {
                Optional<String> undeliverable = files.undeliverableReason(accepted.payload().fileId(), accepted.conversationId());
                if (undeliverable.isPresent()) {
                    log.error("Message {} failed: {}", messageId, undeliverable.get());
                    commands.sendAndWait(new FailMessageCommand(messageId, undeliverable.get()));
                    return;
                }
            }
            CompletableFuture<Void> sent = router.route(accepted);
            commands.sendInBackground(new RecordRoutingCommand(messageId, accepted.channels()));
            sent.join();
        });
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "messageId")
    public void on(MessageDeliveredEvent delivered, DeliveryDeadlines deadlines) {
        deadlines.cancel(messageId);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "messageId")
    public void on(MessageFailedEvent failed, DeliveryDeadlines deadlines) {
        deadlines.cancel(messageId);
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }
}
