package io.chat4all.events.file;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Chunk {@code chunkId} is in storage, as the object with {@code etag}: streamed through the hub
 * ({@code sha256} computed on the way) or PUT by the client to a presigned URL ({@code sha256}
 * null). A chunk sent again replaces the one before.
 */
public record RecordFileChunkCommand(
        @TargetAggregateIdentifier String fileId,
        int chunkId,
        long size,
        String etag,
        String sha256,
        Instant storedAt) {}
