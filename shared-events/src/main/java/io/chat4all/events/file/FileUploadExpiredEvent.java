package io.chat4all.events.file;

import java.time.Instant;

/** The upload was not completed in time; its chunks are removed from storage. */
public record FileUploadExpiredEvent(String fileId, Instant expiredAt) {}
