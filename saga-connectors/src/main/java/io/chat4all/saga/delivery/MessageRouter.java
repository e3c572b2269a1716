package io.chat4all.saga.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.chat4all.events.message.ConfirmDeliveryCommand;
import io.chat4all.events.message.FailMessageCommand;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessageDeliveredEvent;
import io.chat4all.events.message.MessageFailedEvent;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.events.message.RecordRoutingCommand;
import io.chat4all.saga.file.FileCheck;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers every accepted message, in-app or through channels: a file message's file is checked
 * first (else FAILED, FR-028/FR-029); an in-app message is then delivered (it is stored and
 * readable by every member); a message with channels gets its deadline, is recorded IN_TRANSIT and
 * goes out as one record per channel. The Message aggregate decides the rest: DELIVERED when every
 * channel's receipt is in, FAILED at the deadline ({@link DeadlineSweeper}).
 *
 * <p>It reads the events from Kafka ({@code chat4all.events}; a tracking processor on the Axon
 * Kafka extension's streamable source, see application.yml), so it could run apart from the API.
 * Commands go through the {@link CommandGateway}; on the local command bus they run in this
 * thread and join the batch's transaction, so a batch of hundreds of messages commits once. The
 * batch commits (and the processor's position moves on) only when every command succeeded and the
 * broker has acknowledged every channel record: a failure rolls it all back, IN_TRANSIT included,
 * and the processor retries the batch. Kafka is at least once anyway; every step is idempotent.
 */
@Component
@ProcessingGroup(MessageRouter.PROCESSING_GROUP)
class MessageRouter {

    static final String PROCESSING_GROUP = "delivery-router";
    private static final Logger log = LoggerFactory.getLogger(MessageRouter.class);
    private static final String PENDING = MessageRouter.class.getName() + ".pending";

    private final CommandGateway commands;
    private final ChannelRouter channels;
    private final DeliveryDeadlines deadlines;
    private final DeliverySettings settings;
    private final FileCheck files;

    MessageRouter(
            CommandGateway commands,
            ChannelRouter channels,
            DeliveryDeadlines deadlines,
            DeliverySettings settings,
            FileCheck files) {
        this.commands = commands;
        this.channels = channels;
        this.deadlines = deadlines;
        this.settings = settings;
        this.files = files;
    }

    @EventHandler
    void on(MessageAcceptedEvent accepted) {
        String messageId = accepted.messageId();
        Optional<String> undeliverable =
                MessagePayload.FILE.equals(accepted.payload().type())
                        ? files.undeliverableReason(accepted.payload().fileId(), accepted.conversationId())
                        : Optional.empty();
        if (undeliverable.isPresent()) {
            log.error("Message {} failed: {}", messageId, undeliverable.get());
            beforeCommit(commands.send(new FailMessageCommand(messageId, undeliverable.get(), Instant.now())));
        } else if (accepted.channels().isEmpty()) {
            beforeCommit(commands.send(new ConfirmDeliveryCommand(messageId, Instant.now())));
        } else {
            deadlines.schedule(messageId, settings.deadline());
            // Recorded before the records go out: committed with their acks or rolled back with them.
            beforeCommit(commands.send(new RecordRoutingCommand(messageId, accepted.channels(), Instant.now())));
            beforeCommit(channels.route(accepted));
        }
    }

    @EventHandler
    void on(MessageDeliveredEvent delivered) {
        deadlines.cancel(delivered.messageId());
    }

    @EventHandler
    void on(MessageFailedEvent failed) {
        deadlines.cancel(failed.messageId());
    }

    /**
     * The batch commits only once {@code step} has succeeded; steps of one batch run side by side
     * (a command sent to another process, the broker's acks), awaited together at the end.
     */
    private void beforeCommit(CompletableFuture<?> step) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        List<CompletableFuture<?>> pending = batch.getOrComputeResource(PENDING, key -> {
            List<CompletableFuture<?>> steps = new ArrayList<>();
            batch.onPrepareCommit(u -> CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new))
                    .join());
            return steps;
        });
        pending.add(step);
    }
}
