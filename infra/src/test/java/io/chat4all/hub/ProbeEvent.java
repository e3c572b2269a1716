package io.chat4all.hub;

import io.chat4all.events.ConversationScoped;

/** A test-only event, to follow one event from the event store to Kafka. */
public record ProbeEvent(String probeId, String conversationId) implements ConversationScoped {}
