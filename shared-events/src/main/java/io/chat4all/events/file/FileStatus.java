package io.chat4all.events.file;

/** Where an upload stands. Only an open upload (INITIATED, IN_PROGRESS) takes chunks. */
public enum FileStatus {
    INITIATED,
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    EXPIRED;

    public boolean isOpen() {
        return this == INITIATED || this == IN_PROGRESS;
    }
}
