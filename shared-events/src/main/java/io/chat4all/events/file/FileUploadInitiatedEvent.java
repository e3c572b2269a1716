package io.chat4all.events.file;

import java.time.Instant;

public record FileUploadInitiatedEvent(
        String fileId,
        String uploaderId,
        String filename,
        long size,
        String contentType,
        int chunkSize,
        int totalChunks,
        Instant initiatedAt,
        Instant expiresAt) {}
