package io.chat4all.command.file;

import java.time.Instant;

/** One entry of an upload's chunk ledger; {@code sha256} is known for chunks streamed through the hub. */
record FileChunk(int sequence, long size, String etag, String sha256, Instant storedAt) {}
