package io.chat4all.saga.delivery;

import java.util.concurrent.CompletableFuture;

import io.chat4all.events.message.MessageAcceptedEvent;

/** Hands a message to the topic of each of its channels. */
public interface ChannelRouter {

    /** Sends at once; the returned future completes when the broker has acknowledged every record. */
    CompletableFuture<Void> route(MessageAcceptedEvent accepted);
}
