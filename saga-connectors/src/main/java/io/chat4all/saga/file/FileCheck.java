package io.chat4all.saga.file;

import java.util.Optional;

/** Whether a file message can be delivered (FR-028): the message router asks before delivering or routing one. */
public interface FileCheck {

    /**
     * Why a file message of {@code conversationId} cannot be delivered, or empty if it can.
     * A store that cannot be reached throws, so the caller retries rather than fail the message.
     */
    Optional<String> undeliverableReason(String fileId, String conversationId);
}
