package io.chat4all.events;

/**
 * An event that belongs to one conversation. The outbox keys its Kafka record by the
 * conversation, so every consumer sees one conversation's events in order.
 */
public interface ConversationScoped {

    String conversationId();
}
