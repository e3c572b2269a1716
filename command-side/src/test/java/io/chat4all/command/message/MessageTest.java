package io.chat4all.command.message;

import static io.chat4all.command.HubErrors.refusedWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.chat4all.command.conversation.ConversationLookups;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.message.Channel;
import io.chat4all.events.message.ChannelDeliveryConfirmedEvent;
import io.chat4all.events.message.ConfirmChannelDeliveryCommand;
import io.chat4all.events.message.ConfirmDeliveryCommand;
import io.chat4all.events.message.FailMessageCommand;
import io.chat4all.events.message.MarkReadCommand;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessageDeliveredEvent;
import io.chat4all.events.message.MessageFailedEvent;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.events.message.MessageRoutedEvent;
import io.chat4all.events.message.MessagesReadEvent;
import io.chat4all.events.message.Priority;
import io.chat4all.events.message.RecordRoutingCommand;
import io.chat4all.events.message.RepeatSendCommand;
import io.chat4all.events.message.SendMessageCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User story 1: a message is accepted once (FR-014, SC-009), only from a member and to members,
 * and its status only moves forward. Every time in the events comes from the commands, so each
 * path states its exact events.
 */
class MessageTest {

    private static final Instant THEN = Instant.parse("2026-11-24T10:31:00.123Z");
    private static final Instant ROUTED = THEN.plusMillis(40);
    private static final Instant RECEIPT = THEN.plusMillis(90);
    private static final Instant LATER = THEN.plusSeconds(2);
    private final String messageId = UUID.randomUUID().toString();
    private final String conversationId = UUID.randomUUID().toString();
    private final String alice = "a" + UUID.randomUUID().toString().substring(1);
    private final String bob = "b" + UUID.randomUUID().toString().substring(1);
    private final String carol = "c" + UUID.randomUUID().toString().substring(1);
    private final String mallory = UUID.randomUUID().toString();
    private final SendMessageCommand send = new SendMessageCommand(
            messageId,
            conversationId,
            alice,
            "alice",
            null,
            List.of(Channel.WHATSAPP),
            MessagePayload.text("Olá!"),
            Priority.NORMAL,
            THEN);
    private final MessageAcceptedEvent accepted = new MessageAcceptedEvent(
            messageId,
            conversationId,
            alice,
            "alice",
            null,
            List.of(bob, carol),
            List.of(Channel.WHATSAPP),
            MessagePayload.text("Olá!"),
            Priority.NORMAL,
            THEN);
    private final MessageAcceptedEvent acceptedForAllChannels = new MessageAcceptedEvent(
            messageId,
            conversationId,
            alice,
            "alice",
            null,
            List.of(bob, carol),
            List.of(Channel.WHATSAPP, Channel.INSTAGRAM),
            MessagePayload.text("Olá!"),
            Priority.NORMAL,
            THEN);
    private final List<Channel> both = List.of(Channel.WHATSAPP, Channel.INSTAGRAM);
    private AggregateTestFixture<Message> fixture;

    @BeforeEach
    void setUp() {
        ConversationLookups conversations = mock(ConversationLookups.class);
        // Unsorted, as the lookup may answer: the recipients come out sorted all the same.
        List<String> members = List.of(carol, alice, bob);
        when(conversations.membersSeenBy(conversationId, alice)).thenReturn(members);
        when(conversations.membersSeenBy(conversationId, bob)).thenReturn(members);
        when(conversations.membersSeenBy(conversationId, mallory)).thenThrow(new HubException(HubError.ACCESS_DENIED));
        String unknown = "00000000-0000-0000-0000-000000000000";
        when(conversations.membersSeenBy(unknown, alice)).thenThrow(new HubException(HubError.CONVERSATION_NOT_FOUND));
        fixture = new AggregateTestFixture<>(Message.class);
        fixture.registerInjectableResource(conversations);
    }

    private SendMessageCommand send(String from, String conversation, String to, MessagePayload payload) {
        return new SendMessageCommand(
                messageId, conversation, from, "alice", to, List.of(Channel.WHATSAPP), payload, Priority.NORMAL, THEN);
    }

    @Test
    void aNewMessageIsAcceptedForEveryOtherMemberAtItsOwnTime() {
        fixture.givenNoPriorActivity()
                .when(send)
                .expectSuccessfulHandlerExecution()
                .expectEvents(accepted);
    }

    @Test
    void aMessageToOneMemberIsForThatMemberOnly() {
        fixture.givenNoPriorActivity()
                .when(send(alice, conversationId, carol, MessagePayload.text("Olá!")))
                .expectEvents(new MessageAcceptedEvent(
                        messageId,
                        conversationId,
                        alice,
                        "alice",
                        carol,
                        List.of(carol),
                        List.of(Channel.WHATSAPP),
                        MessagePayload.text("Olá!"),
                        Priority.NORMAL,
                        THEN));
    }

    @Test
    void aMessageToANonMemberIsAValidationFailureNamingTo() {
        fixture.givenNoPriorActivity()
                .when(send(alice, conversationId, mallory, MessagePayload.text("Olá!")))
                .expectException(refusedWith(HubError.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aSenderWhoIsNotAMemberIsDenied() {
        fixture.givenNoPriorActivity()
                .when(send(mallory, conversationId, null, MessagePayload.text("Olá!")))
                .expectException(refusedWith(HubError.ACCESS_DENIED))
                .expectNoEvents();
    }

    @Test
    void aMessageToAnUnknownConversationIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(send(alice, "00000000-0000-0000-0000-000000000000", null, MessagePayload.text("Olá!")))
                .expectException(refusedWith(HubError.CONVERSATION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void theSameMessageSentAgainLaterChangesNothing() {
        fixture.given(accepted)
                .when(new RepeatSendCommand(new SendMessageCommand(
                        messageId,
                        conversationId,
                        alice,
                        "alice",
                        null,
                        List.of(Channel.WHATSAPP),
                        MessagePayload.text("Olá!"),
                        Priority.NORMAL,
                        LATER)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherBodyUnderTheSameIdIsAConflict() {
        fixture.given(accepted)
                .when(new RepeatSendCommand(send(alice, conversationId, null, MessagePayload.text("something else"))))
                .expectException(refusedWith(HubError.MESSAGE_ID_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aRepeatBySomeoneWhoIsNoLongerAMemberIsDenied() {
        fixture.given(accepted)
                .when(new RepeatSendCommand(send(mallory, conversationId, null, MessagePayload.text("Olá!"))))
                .expectException(refusedWith(HubError.ACCESS_DENIED))
                .expectNoEvents();
    }

    @Test
    void anAcceptedMessageIsDeliveredInAppAtTheConfirmationsTime() {
        fixture.given(accepted)
                .when(new ConfirmDeliveryCommand(messageId, LATER))
                .expectEvents(new MessageDeliveredEvent(messageId, conversationId, LATER));
    }

    @Test
    void aSecondDeliveryConfirmationChangesNothing() {
        fixture.given(accepted, new MessageDeliveredEvent(messageId, conversationId, THEN))
                .when(new ConfirmDeliveryCommand(messageId, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAcceptedMessageCanFailWithAReason() {
        fixture.given(accepted)
                .when(new FailMessageCommand(messageId, "file not found", LATER))
                .expectResultMessagePayload(true)
                .expectEvents(new MessageFailedEvent(messageId, conversationId, "file not found", LATER));
    }

    @Test
    void aDeliveredMessageNeverFailsAfterwards() {
        fixture.given(accepted, new MessageDeliveredEvent(messageId, conversationId, THEN))
                .when(new FailMessageCommand(messageId, "too late", LATER))
                .expectResultMessagePayload(false) // the deadline sweeper then knows it changed nothing
                .expectNoEvents();
    }

    @Test
    void aFailedMessageIsNeverDeliveredAfterwards() {
        fixture.given(accepted, new MessageFailedEvent(messageId, conversationId, "file not found", THEN))
                .when(new ConfirmDeliveryCommand(messageId, LATER))
                .expectNoEvents();
    }

    @Test
    void aFailedMessageDoesNotFailTwice() {
        fixture.given(accepted, new MessageFailedEvent(messageId, conversationId, "file not found", THEN))
                .when(new FailMessageCommand(messageId, "deadline", LATER))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aRoutedMessageIsInTransitAtTheRoutersTime() {
        fixture.given(accepted)
                .when(new RecordRoutingCommand(messageId, List.of(Channel.WHATSAPP), ROUTED))
                .expectEvents(new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP), ROUTED));
    }

    @Test
    void aRoutedMessageIsInTransitOnce() {
        fixture.given(accepted, new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP), ROUTED))
                .when(new RecordRoutingCommand(messageId, List.of(Channel.WHATSAPP), LATER))
                .expectNoEvents();
    }

    @Test
    void anInAppMessageIsNeverInTransit() {
        MessageAcceptedEvent inApp = new MessageAcceptedEvent(
                messageId,
                conversationId,
                alice,
                "alice",
                null,
                List.of(bob, carol),
                List.of(),
                MessagePayload.text("Olá!"),
                Priority.NORMAL,
                THEN);
        fixture.given(inApp)
                .when(new RecordRoutingCommand(messageId, List.of(), ROUTED))
                .expectNoEvents();
    }

    @Test
    void aMessageIsDeliveredWhenEveryChannelHasReportedAtTheLastReceiptsTime() {
        fixture.given(
                        acceptedForAllChannels,
                        new MessageRoutedEvent(messageId, conversationId, both, ROUTED),
                        new ChannelDeliveryConfirmedEvent(
                                messageId, conversationId, Channel.WHATSAPP, List.of(bob, carol), RECEIPT))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.INSTAGRAM, List.of(bob, carol), LATER))
                .expectEvents(
                        new ChannelDeliveryConfirmedEvent(
                                messageId, conversationId, Channel.INSTAGRAM, List.of(bob, carol), LATER),
                        new MessageDeliveredEvent(messageId, conversationId, LATER));
    }

    @Test
    void oneChannelOfTwoIsNotYetDelivered() {
        fixture.given(acceptedForAllChannels, new MessageRoutedEvent(messageId, conversationId, both, ROUTED))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.WHATSAPP, List.of(bob, carol), RECEIPT))
                .expectEvents(new ChannelDeliveryConfirmedEvent(
                        messageId, conversationId, Channel.WHATSAPP, List.of(bob, carol), RECEIPT));
    }

    @Test
    void aDuplicateReceiptChangesNothing() {
        fixture.given(
                        acceptedForAllChannels,
                        new MessageRoutedEvent(messageId, conversationId, both, ROUTED),
                        new ChannelDeliveryConfirmedEvent(
                                messageId, conversationId, Channel.WHATSAPP, List.of(bob, carol), RECEIPT))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.WHATSAPP, List.of(bob, carol), LATER))
                .expectNoEvents();
    }

    @Test
    void aReceiptOfAChannelTheMessageWasNotSentToChangesNothing() {
        fixture.given(accepted, new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP), ROUTED))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.INSTAGRAM, List.of(bob, carol), RECEIPT))
                .expectNoEvents();
    }

    @Test
    void aReceiptBeforeTheRoutingIsRecordedRecordsItFirstAtTheReceiptsTime() {
        fixture.given(acceptedForAllChannels)
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.WHATSAPP, List.of(bob, carol), RECEIPT))
                .expectEvents(
                        new MessageRoutedEvent(messageId, conversationId, both, RECEIPT),
                        new ChannelDeliveryConfirmedEvent(
                                messageId, conversationId, Channel.WHATSAPP, List.of(bob, carol), RECEIPT));
    }

    @Test
    void theRoutingRecordedAfterAFastReceiptChangesNothing() {
        fixture.given(
                        acceptedForAllChannels,
                        new MessageRoutedEvent(messageId, conversationId, both, RECEIPT),
                        new ChannelDeliveryConfirmedEvent(
                                messageId, conversationId, Channel.WHATSAPP, List.of(bob, carol), RECEIPT))
                .when(new RecordRoutingCommand(messageId, both, LATER))
                .expectNoEvents();
    }

    @Test
    void aReceiptAfterTheDeadlineChangesNothing() {
        fixture.given(
                        accepted,
                        new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP), ROUTED),
                        new MessageFailedEvent(messageId, conversationId, "deadline", THEN.plusSeconds(30)))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.WHATSAPP, List.of(bob, carol), LATER))
                .expectNoEvents();
    }

    @Test
    void aMemberReadsTheConversationUpToAMessage() {
        Instant readAt = THEN.plusSeconds(5);
        fixture.given(accepted, new MessageDeliveredEvent(messageId, conversationId, THEN))
                .when(new MarkReadCommand(messageId, conversationId, bob, readAt))
                .expectResultMessagePayload(readAt)
                .expectEvents(new MessagesReadEvent(conversationId, bob, messageId, readAt));
    }

    @Test
    void readingUpToTheSameMessageAgainChangesNothingAndAnswersTheFirstTime() {
        fixture.given(accepted, new MessagesReadEvent(conversationId, bob, messageId, THEN))
                .when(new MarkReadCommand(messageId, conversationId, bob, THEN.plusSeconds(60)))
                .expectResultMessagePayload(THEN)
                .expectNoEvents();
    }

    @Test
    void anotherReaderOfTheSameMessageIsRecordedToo() {
        fixture.given(accepted, new MessagesReadEvent(conversationId, bob, messageId, THEN))
                .when(new MarkReadCommand(messageId, conversationId, carol, THEN.plusSeconds(1)))
                .expectEvents(new MessagesReadEvent(conversationId, carol, messageId, THEN.plusSeconds(1)));
    }

    @Test
    void aMessageOfAnotherConversationIsNotFoundThere() {
        fixture.given(accepted)
                .when(new MarkReadCommand(messageId, UUID.randomUUID().toString(), bob, THEN))
                .expectException(refusedWith(HubError.MESSAGE_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void aReadReceiptLeavesTheStatusAsItIs() {
        // Read while in transit: the channel's receipt still delivers it afterwards.
        fixture.given(
                        accepted,
                        new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP), ROUTED),
                        new MessagesReadEvent(conversationId, bob, messageId, THEN))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.WHATSAPP, List.of(bob, carol), RECEIPT))
                .expectEvents(
                        new ChannelDeliveryConfirmedEvent(
                                messageId, conversationId, Channel.WHATSAPP, List.of(bob, carol), RECEIPT),
                        new MessageDeliveredEvent(messageId, conversationId, RECEIPT));
    }
}
