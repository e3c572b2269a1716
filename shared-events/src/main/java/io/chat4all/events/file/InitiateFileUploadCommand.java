package io.chat4all.events.file;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open an upload of {@code size} bytes in {@code totalChunks} chunks of {@code chunkSize} (the
 * last may be shorter); unless completed before {@code expiresAt} it is cleaned up.
 */
public record InitiateFileUploadCommand(
        @TargetAggregateIdentifier String fileId,
        String uploaderId,
        String filename,
        long size,
        String contentType,
        int chunkSize,
        int totalChunks,
        Instant initiatedAt,
        Instant expiresAt) {}
