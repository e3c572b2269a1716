package io.chat4all.events;

/**
 * Whether the message broker (Kafka) answers now. While it does not, the hub refuses new
 * messages (503, FR-046) instead of accepting what it cannot hand on, and the delivery
 * deadlines stand still: an outage of the broker never fails a message by itself.
 */
public interface BrokerStatus {

    boolean isReachable();
}
