package io.chat4all.saga.delivery;

import io.chat4all.events.message.MessageAcceptedEvent;

/** Hands a message to the topic of each of its channels, and returns once the broker has them. */
public interface ChannelRouter {

    void route(MessageAcceptedEvent accepted);
}
