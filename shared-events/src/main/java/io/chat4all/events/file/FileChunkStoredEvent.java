package io.chat4all.events.file;

import java.time.Instant;

/**
 * One entry of the chunk ledger: chunk {@code chunkId} (from 0) of {@code size} bytes is in storage
 * as the object with {@code etag}; {@code sha256} when it came through the hub, else null.
 */
public record FileChunkStoredEvent(
        String fileId, int chunkId, long size, String etag, String sha256, Instant storedAt) {}
