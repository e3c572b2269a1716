package io.chat4all.command.conversation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.conversation.ConversationCreatedEvent;
import io.chat4all.events.conversation.ConversationType;
import io.chat4all.events.conversation.CreateConversationCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A conversation: its type decides how many members it may have. Whether the members exist
 * and whether a private pair is new span many aggregates: the command side checks those
 * against its lookups before this aggregate is asked.
 */
@Aggregate
class Conversation {

    @AggregateIdentifier
    private String conversationId;

    protected Conversation() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    Conversation(CreateConversationCommand command) {
        int members = command.members().size();
        if (new HashSet<>(command.members()).size() != members
                || !command.members().contains(command.createdBy())) {
            throw new HubException(HubError.VALIDATION_FAILED, "Members must be distinct and include the creator");
        }
        if (command.type() == ConversationType.GROUP && members > ConversationType.GROUP_MAX_MEMBERS) {
            throw new HubException(HubError.TOO_MANY_MEMBERS);
        }
        boolean countFits = command.type() == ConversationType.PRIVATE
                ? members == ConversationType.PRIVATE_MEMBERS
                : members >= ConversationType.GROUP_MIN_MEMBERS;
        if (!countFits) {
            throw new HubException(
                    HubError.INVALID_MEMBER_COUNT,
                    command.type() == ConversationType.PRIVATE
                            ? "A private conversation has exactly 2 members"
                            : "A group conversation has 3 to 100 members");
        }
        apply(new ConversationCreatedEvent(
                command.conversationId(),
                command.type(),
                command.members(),
                command.metadata(),
                command.createdBy(),
                command.createdAt()));
    }

    @EventSourcingHandler
    void on(ConversationCreatedEvent event) {
        this.conversationId = event.conversationId();
    }
}
