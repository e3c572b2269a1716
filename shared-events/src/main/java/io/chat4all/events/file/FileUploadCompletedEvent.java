package io.chat4all.events.file;

import java.time.Instant;

/** The file is whole and verified: its bytes are the object {@code objectKey}, with SHA-256 {@code checksum}. */
public record FileUploadCompletedEvent(
        String fileId, String checksum, String objectKey, long size, Instant completedAt) {}
