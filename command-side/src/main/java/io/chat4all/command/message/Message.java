package io.chat4all.command.message;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.chat4all.command.AggregateCaches;
import io.chat4all.command.conversation.ConversationLookups;
import io.chat4all.command.validation.FieldErrors;
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
import io.chat4all.events.message.MessageRoutedEvent;
import io.chat4all.events.message.MessageStatus;
import io.chat4all.events.message.MessagesReadEvent;
import io.chat4all.events.message.RecordRoutingCommand;
import io.chat4all.events.message.RepeatSendCommand;
import io.chat4all.events.message.SendMessageCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One message, identified by the id its client chose. It decides who may send it and who
 * receives it (from the conversation's members), idempotency (the same send again changes
 * nothing; another body under the same id is refused), when every channel has reported, and that
 * its status only moves forward: once DELIVERED or FAILED it stays so, whatever arrives late or
 * twice. It never reads the clock: every time comes with the command that brings it.
 */
@Aggregate(cache = AggregateCaches.MESSAGE)
class Message {

    @AggregateIdentifier
    private String messageId;

    private MessageAcceptedEvent accepted;
    private String conversationId;
    private MessageStatus status;
    private final Set<Channel> confirmedChannels = EnumSet.noneOf(Channel.class);
    /** Who read the conversation up to this message, and when they first did. */
    private final Map<String, Instant> readUpToHere = new HashMap<>();

    protected Message() {
        // for Axon, which rebuilds the aggregate from its events
    }

    /**
     * Accepts a new message. The sender must be a member (404 for an unknown conversation, 403
     * otherwise); {@code to} must be a member (400). The members come from the set-based lookup
     * ({@link ConversationLookups}, a Spring bean Axon passes in), read in the transaction that
     * stores the event. Created without a load: if the id is taken, the event store refuses the
     * event and the sender repeats the send as a {@link RepeatSendCommand}.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    void handle(SendMessageCommand command, ConversationLookups conversations) {
        List<String> members = conversations.membersSeenBy(command.conversationId(), command.from());
        if (command.to() != null && !members.contains(command.to())) {
            new FieldErrors().add("to", "must be a member of the conversation").throwIfAny();
        }
        apply(new MessageAcceptedEvent(
                command.messageId(),
                command.conversationId(),
                command.from(),
                command.fromUsername(),
                command.to(),
                recipients(command, members),
                command.channels(),
                command.payload(),
                command.priority(),
                command.acceptedAt()));
    }

    /**
     * A send under this message's id again: the same body changes nothing, another is refused. The
     * sender must be a member, as for a send (404 for an unknown conversation, 403 otherwise).
     */
    @CommandHandler
    void handle(RepeatSendCommand repeat, ConversationLookups conversations) {
        SendMessageCommand command = repeat.send();
        conversations.membersSeenBy(command.conversationId(), command.from());
        if (!sameBody(command)) {
            throw new HubException(HubError.MESSAGE_ID_CONFLICT);
        }
    }

    /** {@code to} when given, else every member but the sender; sorted, so the order never depends on the lookup's. */
    private static List<String> recipients(SendMessageCommand command, List<String> members) {
        return command.to() != null
                ? List.of(command.to())
                : members.stream()
                        .filter(m -> !m.equals(command.from()))
                        .sorted()
                        .toList();
    }

    /** What the client sent; when it arrived (and so who were members then) is not part of it. */
    private boolean sameBody(SendMessageCommand command) {
        return accepted.conversationId().equals(command.conversationId())
                && accepted.from().equals(command.from())
                && Objects.equals(accepted.fromUsername(), command.fromUsername())
                && Objects.equals(accepted.to(), command.to())
                && accepted.channels().equals(command.channels())
                && accepted.payload().equals(command.payload())
                && accepted.priority() == command.priority();
    }

    @CommandHandler
    void handle(ConfirmDeliveryCommand command) {
        if (!status.isFinal()) {
            apply(new MessageDeliveredEvent(messageId, conversationId, command.deliveredAt()));
        }
    }

    @CommandHandler
    void handle(RecordRoutingCommand command) {
        if (status == MessageStatus.ACCEPTED && !accepted.channels().isEmpty()) {
            apply(new MessageRoutedEvent(messageId, conversationId, accepted.channels(), command.routedAt()));
        }
    }

    /**
     * The message is DELIVERED once every channel it was sent to has reported, at the last
     * receipt's time; repeats change nothing. A receipt proves the message was routed: the router
     * hands the records to the channels while it records IN_TRANSIT, so a fast receipt may come
     * first and records it (at its own time: the routing's is not known here).
     */
    @CommandHandler
    void handle(ConfirmChannelDeliveryCommand command) {
        if (status.isFinal()
                || !accepted.channels().contains(command.channel())
                || confirmedChannels.contains(command.channel())) {
            return;
        }
        if (status == MessageStatus.ACCEPTED) {
            apply(new MessageRoutedEvent(messageId, conversationId, accepted.channels(), command.deliveredAt()));
        }
        apply(new ChannelDeliveryConfirmedEvent(
                messageId, conversationId, command.channel(), command.recipients(), command.deliveredAt()));
        if (confirmedChannels.containsAll(accepted.channels())) {
            apply(new MessageDeliveredEvent(messageId, conversationId, command.deliveredAt()));
        }
    }

    /** @return whether this failed the message (false: it was final already, and stays as it was) */
    @CommandHandler
    boolean handle(FailMessageCommand command) {
        if (status.isFinal()) {
            return false;
        }
        apply(new MessageFailedEvent(messageId, conversationId, command.reason(), command.failedAt()));
        return true;
    }

    /**
     * A read receipt up to this message; its status is not touched. A message of another
     * conversation is not found there (404, as an unknown one). Reading up to it again changes
     * nothing and answers when it was first read.
     *
     * @return when the reader read the conversation up to this message
     */
    @CommandHandler
    Instant handle(MarkReadCommand command) {
        if (!conversationId.equals(command.conversationId())) {
            throw new HubException(HubError.MESSAGE_NOT_FOUND);
        }
        Instant earlier = readUpToHere.get(command.reader());
        if (earlier != null) {
            return earlier;
        }
        apply(new MessagesReadEvent(conversationId, command.reader(), messageId, command.readAt()));
        return command.readAt();
    }

    @EventSourcingHandler
    void on(MessageAcceptedEvent event) {
        messageId = event.messageId();
        conversationId = event.conversationId();
        accepted = event;
        status = MessageStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(MessageRoutedEvent event) {
        status = MessageStatus.IN_TRANSIT;
    }

    @EventSourcingHandler
    void on(ChannelDeliveryConfirmedEvent event) {
        confirmedChannels.add(event.channel());
    }

    @EventSourcingHandler
    void on(MessageDeliveredEvent event) {
        status = MessageStatus.DELIVERED;
    }

    @EventSourcingHandler
    void on(MessageFailedEvent event) {
        status = MessageStatus.FAILED;
    }

    @EventSourcingHandler
    void on(MessagesReadEvent event) {
        readUpToHere.putIfAbsent(event.reader(), event.readAt());
    }
}
