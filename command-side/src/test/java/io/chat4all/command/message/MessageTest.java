package io.chat4all.command.message;

import static io.chat4all.command.HubErrors.refusedWith;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.andNoMore;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.chat4all.events.HubError;
import io.chat4all.events.message.Channel;
import io.chat4all.events.message.ChannelDeliveryConfirmedEvent;
import io.chat4all.events.message.ConfirmChannelDeliveryCommand;
import io.chat4all.events.message.ConfirmDeliveryCommand;
import io.chat4all.events.message.FailMessageCommand;
import io.chat4all.events.message.MarkReadCommand;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessageDeliveredEvent;
import io.chat4all.events.message.MessageFailedEvent;
import io.chat4all.events.message.MessageRoutedEvent;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.events.message.MessagesReadEvent;
import io.chat4all.events.message.Priority;
import io.chat4all.events.message.RecordRoutingCommand;
import io.chat4all.events.message.SendMessageCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import java.util.function.Predicate;

import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User story 1: a message is accepted once (FR-014, SC-009) and its status only moves forward. */
class MessageTest {

    private static final Instant THEN = Instant.parse("2026-11-24T10:31:00.123Z");
    private final String messageId = UUID.randomUUID().toString();
    private final String conversationId = UUID.randomUUID().toString();
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final SendMessageCommand send = new SendMessageCommand(messageId, conversationId, alice, "alice", null,
            List.of(bob), List.of(Channel.WHATSAPP), MessagePayload.text("Olá!"), Priority.NORMAL);
    private final MessageAcceptedEvent accepted = new MessageAcceptedEvent(messageId, conversationId, alice, "alice", null,
            List.of(bob), List.of(Channel.WHATSAPP), MessagePayload.text("Olá!"), Priority.NORMAL, THEN);
    private final MessageAcceptedEvent acceptedForAllChannels = new MessageAcceptedEvent(messageId, conversationId, alice,
            "alice", null, List.of(bob), List.of(Channel.WHATSAPP, Channel.INSTAGRAM), MessagePayload.text("Olá!"),
            Priority.NORMAL, THEN);
    private AggregateTestFixture<Message> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Message.class);
    }

    @Test
    void aNewMessageIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(send)
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(payload(MessageAcceptedEvent.class,
                        e -> e.messageId().equals(messageId) && e.payload().equals(MessagePayload.text("Olá!"))
                                && e.from().equals(alice) && e.acceptedAt() != null), andNoMore()));
    }

    @Test
    void theSameMessageSentAgainChangesNothing() {
        fixture.given(accepted)
                .when(send)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherBodyUnderTheSameIdIsAConflict() {
        fixture.given(accepted)
                .when(new SendMessageCommand(messageId, conversationId, alice, "alice", null, List.of(bob),
                        List.of(Channel.WHATSAPP), MessagePayload.text("something else"), Priority.NORMAL))
                .expectException(refusedWith(HubError.MESSAGE_ID_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void anAcceptedMessageIsDelivered() {
        fixture.given(accepted)
                .when(new ConfirmDeliveryCommand(messageId))
                .expectEventsMatching(exactSequenceOf(payload(MessageDeliveredEvent.class,
                        e -> e.messageId().equals(messageId) && e.conversationId().equals(conversationId)), andNoMore()));
    }

    @Test
    void aSecondDeliveryConfirmationChangesNothing() {
        fixture.given(accepted, new MessageDeliveredEvent(messageId, conversationId, THEN))
                .when(new ConfirmDeliveryCommand(messageId))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAcceptedMessageCanFailWithAReason() {
        fixture.given(accepted)
                .when(new FailMessageCommand(messageId, "file not found"))
                .expectResultMessagePayload(true)
                .expectEventsMatching(exactSequenceOf(payload(MessageFailedEvent.class,
                        e -> e.reason().equals("file not found")), andNoMore()));
    }

    @Test
    void aDeliveredMessageNeverFailsAfterwards() {
        fixture.given(accepted, new MessageDeliveredEvent(messageId, conversationId, THEN))
                .when(new FailMessageCommand(messageId, "too late"))
                .expectResultMessagePayload(false) // the deadline sweeper then knows it changed nothing
                .expectNoEvents();
    }

    @Test
    void aFailedMessageIsNeverDeliveredAfterwards() {
        fixture.given(accepted, new MessageFailedEvent(messageId, conversationId, "file not found", THEN))
                .when(new ConfirmDeliveryCommand(messageId))
                .expectNoEvents();
    }

    @Test
    void aRoutedMessageIsInTransitOnce() {
        fixture.given(accepted)
                .when(new RecordRoutingCommand(messageId, List.of(Channel.WHATSAPP)))
                .expectEventsMatching(exactSequenceOf(payload(MessageRoutedEvent.class,
                        e -> e.channels().equals(List.of(Channel.WHATSAPP))), andNoMore()));
        fixture.given(accepted, new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP), THEN))
                .when(new RecordRoutingCommand(messageId, List.of(Channel.WHATSAPP)))
                .expectNoEvents();
    }

    @Test
    void aMessageIsDeliveredWhenEveryChannelHasReported() {
        fixture.given(acceptedForAllChannels,
                        new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP, Channel.INSTAGRAM), THEN),
                        new ChannelDeliveryConfirmedEvent(messageId, conversationId, Channel.WHATSAPP, List.of(bob), THEN))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.INSTAGRAM, List.of(bob), THEN))
                .expectEventsMatching(exactSequenceOf(
                        payload(ChannelDeliveryConfirmedEvent.class, e -> e.channel() == Channel.INSTAGRAM),
                        payload(MessageDeliveredEvent.class, e -> e.messageId().equals(messageId)), andNoMore()));
    }

    @Test
    void oneChannelOfTwoIsNotYetDelivered() {
        fixture.given(acceptedForAllChannels,
                        new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP, Channel.INSTAGRAM), THEN))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.WHATSAPP, List.of(bob), THEN))
                .expectEventsMatching(exactSequenceOf(
                        payload(ChannelDeliveryConfirmedEvent.class, e -> e.channel() == Channel.WHATSAPP), andNoMore()));
    }

    @Test
    void aDuplicateReceiptChangesNothing() {
        fixture.given(acceptedForAllChannels,
                        new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP, Channel.INSTAGRAM), THEN),
                        new ChannelDeliveryConfirmedEvent(messageId, conversationId, Channel.WHATSAPP, List.of(bob), THEN))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.WHATSAPP, List.of(bob), THEN))
                .expectNoEvents();
    }

    @Test
    void aReceiptBeforeTheRoutingIsRecordedRecordsItFirst() {
        fixture.given(acceptedForAllChannels)
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.WHATSAPP, List.of(bob), THEN))
                .expectEventsMatching(exactSequenceOf(
                        payload(MessageRoutedEvent.class, e -> e.channels().equals(List.of(Channel.WHATSAPP, Channel.INSTAGRAM))),
                        payload(ChannelDeliveryConfirmedEvent.class, e -> e.channel() == Channel.WHATSAPP), andNoMore()));
        fixture.given(acceptedForAllChannels,
                        new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP, Channel.INSTAGRAM), THEN),
                        new ChannelDeliveryConfirmedEvent(messageId, conversationId, Channel.WHATSAPP, List.of(bob), THEN))
                .when(new RecordRoutingCommand(messageId, List.of(Channel.WHATSAPP, Channel.INSTAGRAM)))
                .expectNoEvents();
    }

    @Test
    void aReceiptAfterTheDeadlineChangesNothing() {
        fixture.given(accepted, new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP), THEN),
                        new MessageFailedEvent(messageId, conversationId, "deadline", THEN))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.WHATSAPP, List.of(bob), THEN))
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
        String carol = UUID.randomUUID().toString();
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
        fixture.given(accepted, new MessageRoutedEvent(messageId, conversationId, List.of(Channel.WHATSAPP), THEN),
                        new MessagesReadEvent(conversationId, bob, messageId, THEN))
                .when(new ConfirmChannelDeliveryCommand(messageId, Channel.WHATSAPP, List.of(bob), THEN))
                .expectEventsMatching(exactSequenceOf(
                        payload(ChannelDeliveryConfirmedEvent.class, e -> e.channel() == Channel.WHATSAPP),
                        payload(MessageDeliveredEvent.class, e -> e.messageId().equals(messageId)), andNoMore()));
    }

    /** An event message whose payload is a {@code type} satisfying {@code check}. */
    private static <T> Matcher<org.axonframework.messaging.Message<?>> payload(Class<T> type, Predicate<T> check) {
        return messageWithPayload(new BaseMatcher<Object>() {
            @Override
            public boolean matches(Object item) {
                return type.isInstance(item) && check.test(type.cast(item));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a matching " + type.getSimpleName());
            }
        });
    }
}
