package io.chat4all.command.conversation;

import static io.chat4all.command.HubErrors.refusedWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.chat4all.events.HubError;
import io.chat4all.events.conversation.ConversationCreatedEvent;
import io.chat4all.events.conversation.ConversationType;
import io.chat4all.events.conversation.CreateConversationCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User stories 1 and 2: the rules a conversation decides on its own (FR-006..FR-009). */
class ConversationTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:31:00.123Z");
    private final String alice = id();
    private final String bob = id();
    private AggregateTestFixture<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
    }

    @Test
    void aPrivateConversationOfTwoIsCreated() {
        String conversationId = id();
        fixture.givenNoPriorActivity()
                .when(new CreateConversationCommand(
                        conversationId,
                        ConversationType.PRIVATE,
                        List.of(bob, alice),
                        Map.of("name", "chat"),
                        alice,
                        NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConversationCreatedEvent(
                        conversationId,
                        ConversationType.PRIVATE,
                        List.of(bob, alice),
                        Map.of("name", "chat"),
                        alice,
                        NOW));
    }

    @Test
    void aPrivateConversationOfThreeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateConversationCommand(
                        id(), ConversationType.PRIVATE, List.of(alice, bob, id()), Map.of(), alice, NOW))
                .expectException(refusedWith(HubError.INVALID_MEMBER_COUNT))
                .expectNoEvents();
    }

    @Test
    void aGroupOfThreeToOneHundredIsCreated() {
        List<String> hundred = members(100);
        String conversationId = id();
        fixture.givenNoPriorActivity()
                .when(new CreateConversationCommand(
                        conversationId, ConversationType.GROUP, hundred, Map.of(), hundred.get(0), NOW))
                .expectEvents(new ConversationCreatedEvent(
                        conversationId, ConversationType.GROUP, hundred, Map.of(), hundred.get(0), NOW));
    }

    @Test
    void aGroupOfTwoIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateConversationCommand(
                        id(), ConversationType.GROUP, List.of(alice, bob), Map.of(), alice, NOW))
                .expectException(refusedWith(HubError.INVALID_MEMBER_COUNT))
                .expectNoEvents();
    }

    @Test
    void aGroupOfOneHundredAndOneIsRefused() {
        List<String> tooMany = members(101);
        fixture.givenNoPriorActivity()
                .when(new CreateConversationCommand(
                        id(), ConversationType.GROUP, tooMany, Map.of(), tooMany.get(0), NOW))
                .expectException(refusedWith(HubError.TOO_MANY_MEMBERS))
                .expectNoEvents();
    }

    @Test
    void theCreatorMustBeAMemberAndMembersDistinct() {
        fixture.givenNoPriorActivity()
                .when(new CreateConversationCommand(
                        id(), ConversationType.GROUP, List.of(alice, bob, bob), Map.of(), alice, NOW))
                .expectException(refusedWith(HubError.VALIDATION_FAILED));
        fixture.givenNoPriorActivity()
                .when(new CreateConversationCommand(
                        id(), ConversationType.PRIVATE, List.of(bob, id()), Map.of(), alice, NOW))
                .expectException(refusedWith(HubError.VALIDATION_FAILED));
    }

    private static List<String> members(int count) {
        return IntStream.range(0, count).mapToObj(i -> id()).toList();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
