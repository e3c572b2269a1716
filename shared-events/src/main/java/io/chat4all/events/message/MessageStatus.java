package io.chat4all.events.message;

/** ACCEPTED → IN_TRANSIT (handed to channel topics) → DELIVERED or FAILED. */
public enum MessageStatus {
    ACCEPTED,
    IN_TRANSIT,
    DELIVERED,
    FAILED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }
}
