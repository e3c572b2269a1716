package io.chat4all.saga.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.chat4all.events.message.Channel;
import io.chat4all.events.message.ConfirmDeliveryCommand;
import io.chat4all.events.message.FailMessageCommand;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessageDeliveredEvent;
import io.chat4all.events.message.MessageFailedEvent;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.events.message.Priority;
import io.chat4all.events.message.RecordRoutingCommand;
import io.chat4all.saga.file.FileCheck;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.invocation.InvocationOnMock;

/** User story 4: the message router's paths (FR-028..FR-037), one processor batch each. */
class MessageRouterTest {

    private static final Instant THEN = Instant.parse("2026-11-24T10:31:00.123Z");
    private final String messageId = UUID.randomUUID().toString();
    private final String conversationId = UUID.randomUUID().toString();
    private final String storedFile = UUID.randomUUID().toString();
    private final List<Object> sent = new ArrayList<>();
    private final List<MessageAcceptedEvent> routed = new ArrayList<>();
    private final Map<String, Duration> deadlines = new LinkedHashMap<>();
    private CompletableFuture<Void> acks = CompletableFuture.completedFuture(null);
    private MessageRouter router;

    @BeforeEach
    void setUp() {
        CommandGateway commands = mock(CommandGateway.class);
        when(commands.send(any())).thenAnswer((InvocationOnMock call) -> {
            sent.add(call.getArgument(0));
            return CompletableFuture.completedFuture(null);
        });
        ChannelRouter channels = accepted -> {
            routed.add(accepted);
            return acks;
        };
        DeliveryDeadlines deadlineRows = new DeliveryDeadlines() {
            @Override
            public void schedule(String id, Duration after) {
                deadlines.put(id, after);
            }

            @Override
            public void cancel(String id) {
                deadlines.remove(id);
            }
        };
        FileCheck files = (fileId, conversation) ->
                fileId.equals(storedFile) ? Optional.empty() : Optional.of("File " + fileId + " not found");
        router = new MessageRouter(
                commands,
                channels,
                deadlineRows,
                new DeliverySettings(Duration.ofSeconds(30), Duration.ofSeconds(1)),
                files);
    }

    private MessageAcceptedEvent accepted(List<Channel> channels, MessagePayload payload) {
        return new MessageAcceptedEvent(
                messageId,
                conversationId,
                "alice-id",
                "alice",
                null,
                List.of("bob-id"),
                channels,
                payload,
                Priority.NORMAL,
                THEN);
    }

    /** Runs {@code handling} in a processor batch of its own and commits it (its pending steps are awaited then). */
    private static void inABatch(Runnable handling) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            handling.run();
        } catch (RuntimeException e) {
            batch.rollback(e);
            throw e;
        }
        batch.commit();
    }

    @Test
    void anInAppMessageIsDelivered() {
        inABatch(() -> router.on(accepted(List.of(), MessagePayload.text("hi"))));
        assertThat(sent)
                .singleElement()
                .isInstanceOfSatisfying(
                        ConfirmDeliveryCommand.class,
                        c -> assertThat(c.messageId()).isEqualTo(messageId));
        assertThat(routed).isEmpty();
        assertThat(deadlines).isEmpty();
    }

    @Test
    void aChannelMessageGetsItsDeadlineIsRecordedInTransitAndRouted() {
        MessageAcceptedEvent event = accepted(List.of(Channel.WHATSAPP, Channel.INSTAGRAM), MessagePayload.text("hi"));
        inABatch(() -> router.on(event));
        assertThat(deadlines).containsExactly(Map.entry(messageId, Duration.ofSeconds(30)));
        assertThat(sent)
                .singleElement()
                .isInstanceOfSatisfying(
                        RecordRoutingCommand.class,
                        c -> assertThat(c.channels()).containsExactly(Channel.WHATSAPP, Channel.INSTAGRAM));
        assertThat(routed).containsExactly(event);
    }

    @Test
    void aFileMessageWhoseFileIsMissingFailsWithTheReasonAndGoesNowhere() {
        String missing = UUID.randomUUID().toString();
        inABatch(() -> router.on(accepted(List.of(Channel.WHATSAPP), MessagePayload.file(missing))));
        assertThat(sent)
                .singleElement()
                .isInstanceOfSatisfying(
                        FailMessageCommand.class,
                        c -> assertThat(c.reason()).isEqualTo("File " + missing + " not found"));
        assertThat(routed).isEmpty();
        assertThat(deadlines).isEmpty();
    }

    @Test
    void aFileMessageWhoseFileIsStoredIsRouted() {
        inABatch(() -> router.on(accepted(List.of(Channel.WHATSAPP), MessagePayload.file(storedFile))));
        assertThat(sent).singleElement().isInstanceOf(RecordRoutingCommand.class);
        assertThat(routed).hasSize(1);
    }

    @Test
    void aBatchWhoseChannelRecordsTheBrokerRefusedDoesNotCommit() {
        acks = CompletableFuture.failedFuture(new IllegalStateException("broker away"));
        assertThatThrownBy(() ->
                        inABatch(() -> router.on(accepted(List.of(Channel.WHATSAPP), MessagePayload.text("hi")))))
                .hasRootCauseMessage("broker away");
    }

    @Test
    void theDeadlineGoesWhenTheMessageIsFinal() {
        deadlines.put(messageId, Duration.ofSeconds(30));
        inABatch(() -> router.on(new MessageDeliveredEvent(messageId, conversationId, THEN)));
        assertThat(deadlines).isEmpty();
        deadlines.put(messageId, Duration.ofSeconds(30));
        inABatch(() -> router.on(new MessageFailedEvent(messageId, conversationId, "late", THEN)));
        assertThat(deadlines).isEmpty();
    }
}
