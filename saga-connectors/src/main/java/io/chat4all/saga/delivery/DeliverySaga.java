package io.chat4all.saga.delivery;

import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessageDeliveredEvent;
import io.chat4all.events.message.MessageFailedEvent;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.events.message.RecordRoutingCommand;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Delivers one message with channels (in-app only and file messages are {@link InAppDelivery}'s
 * and end this saga at once, never stored). With channels: recorded IN_TRANSIT,
 * one record per channel handed to the channel topics, and a deadline set; the Message
 * aggregate becomes DELIVERED when every channel's receipt is in, or the deadline fails it.
 * Either way the saga then ends. It reads the events from Kafka (its processor's source is the
 * Axon Kafka extension's streamable source), so it could run apart from the API.
 */
@Saga
@ProcessingGroup(DeliverySaga.PROCESSING_GROUP)
public class DeliverySaga {

    static final String PROCESSING_GROUP = "delivery-saga";

    private String messageId;

    @StartSaga
    @SagaEventHandler(associationProperty = "messageId")
    public void on(MessageAcceptedEvent accepted, DeliveryCommands commands, ChannelRouter router,
                   DeliveryDeadlines deadlines, DeliverySettings settings) {
        messageId = accepted.messageId();
        if (MessagePayload.FILE.equals(accepted.payload().type()) || accepted.channels().isEmpty()) {
            SagaLifecycle.end();
            return;
        }
        deadlines.schedule(messageId, settings.deadline());
        // Beside the batch's other messages; IN_TRANSIT is committed before the records leave,
        // so that a fast receipt finds it recorded.
        commands.runWithinBatch(() -> {
            commands.sendAndWait(new RecordRoutingCommand(messageId, accepted.channels()));
            router.route(accepted);
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
