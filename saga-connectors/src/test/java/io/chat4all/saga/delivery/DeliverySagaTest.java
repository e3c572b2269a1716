package io.chat4all.saga.delivery;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.chat4all.events.message.FailMessageCommand;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessageDeliveredEvent;
import io.chat4all.events.message.MessageFailedEvent;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.events.message.Priority;
import io.chat4all.events.message.RecordRoutingCommand;
import io.chat4all.saga.file.FileCheck;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User story 4: the delivery saga's paths (FR-030..FR-037). */
class DeliverySagaTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:31:00Z");
    private final String messageId = UUID.randomUUID().toString();
    private final String conversationId = UUID.randomUUID().toString();
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final String storedFile = UUID.randomUUID().toString();
    private final List<MessageAcceptedEvent> routed = new ArrayList<>();
    private final Map<String, Duration> deadlines = new LinkedHashMap<>();
    private SagaTestFixture<DeliverySaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(DeliverySaga.class);
        CommandGateway gateway = fixture.registerCommandGateway(CommandGateway.class);
        fixture.registerResource(new DeliveryCommands() {
            @Override
            public void send(Object command) {
                gateway.send(command);
            }

            @Override
            public void runWithinBatch(Runnable step) {
                step.run();
            }

            @Override
            public void sendAndWait(Object command) {
                gateway.sendAndWait(command);
            }

            @Override
            public void sendInBackground(Object command) {
                gateway.send(command);
            }
        });
        fixture.registerResource((ChannelRouter) accepted -> {
            routed.add(accepted);
            return CompletableFuture.completedFuture(null);
        });
        fixture.registerResource(new DeliveryDeadlines() {
            @Override
            public void schedule(String id, Duration after) {
                deadlines.put(id, after);
            }

            @Override
            public void cancel(String id) {
                deadlines.remove(id);
            }
        });
        fixture.registerResource(new DeliverySettings(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        fixture.registerResource((FileCheck) (fileId, conversation) ->
                fileId.equals(storedFile) ? Optional.empty() : Optional.of("File " + fileId + " not found"));
    }

    private MessageAcceptedEvent accepted(List<Channel> channels, MessagePayload payload) {
        return new MessageAcceptedEvent(messageId, conversationId, alice, "alice", null, List.of(bob), channels, payload,
                Priority.NORMAL, NOW);
    }

    @Test
    void anInAppMessageIsLeftToTheInAppWorkerAndTheSagaEnds() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(accepted(List.of(), MessagePayload.text("hi")))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        assertThat(routed).isEmpty();
        assertThat(deadlines).isEmpty();
    }

    @Test
    void aChannelMessageIsRecordedInTransitRoutedAndGivenADeadline() {
        MessageAcceptedEvent event = accepted(List.of(Channel.WHATSAPP, Channel.INSTAGRAM), MessagePayload.text("hi"));
        fixture.givenNoPriorActivity()
                .whenPublishingA(event)
                .expectDispatchedCommands(new RecordRoutingCommand(messageId, List.of(Channel.WHATSAPP, Channel.INSTAGRAM)))
                .expectActiveSagas(1)
                .expectAssociationWith("messageId", messageId);
        assertThat(routed).containsExactly(event);
        assertThat(deadlines).containsEntry(messageId, Duration.ofSeconds(30));
    }

    @Test
    void whenEveryChannelHasReportedTheSagaEndsAndTheDeadlineGoes() {
        fixture.givenAPublished(accepted(List.of(Channel.WHATSAPP), MessagePayload.text("hi")))
                .whenPublishingA(new MessageDeliveredEvent(messageId, conversationId, NOW))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        assertThat(deadlines).doesNotContainKey(messageId);
    }

    @Test
    void whenTheDeadlineFailsTheMessageTheSagaEnds() {
        fixture.givenAPublished(accepted(List.of(Channel.WHATSAPP), MessagePayload.text("hi")))
                .whenPublishingA(new MessageFailedEvent(messageId, conversationId, "deadline", NOW))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        assertThat(deadlines).doesNotContainKey(messageId);
    }

    @Test
    void aDuplicateAcceptedEventStartsNoSecondSaga() {
        MessageAcceptedEvent event = accepted(List.of(Channel.WHATSAPP), MessagePayload.text("hi"));
        fixture.givenAPublished(event)
                .whenPublishingA(event) // Kafka is at least once: the same event again
                .expectActiveSagas(1);
    }

    @Test
    void aFileMessageWithChannelsIsRoutedWhenItsFileIsThere() {
        MessageAcceptedEvent event = accepted(List.of(Channel.WHATSAPP), MessagePayload.file(storedFile));
        fixture.givenNoPriorActivity()
                .whenPublishingA(event)
                .expectDispatchedCommands(new RecordRoutingCommand(messageId, List.of(Channel.WHATSAPP)))
                .expectActiveSagas(1);
        assertThat(routed).containsExactly(event);
    }

    @Test
    void aFileMessageWithChannelsFailsWithoutRoutingWhenItsFileIsMissing() {
        String missing = UUID.randomUUID().toString();
        fixture.givenNoPriorActivity()
                .whenPublishingA(accepted(List.of(Channel.WHATSAPP), MessagePayload.file(missing)))
                .expectDispatchedCommands(new FailMessageCommand(messageId, "File " + missing + " not found"))
                .expectActiveSagas(1); // until the failure comes back as an event
        assertThat(routed).isEmpty();
    }
}
