package io.chat4all.events.file;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Complete the upload: {@code claimedChecksum} is the SHA-256 the client gave, {@code storedChecksum}
 * the SHA-256 the hub computed over the composed object at {@code objectKey}. The upload decides
 * whether they match and whether every chunk is there.
 */
public record CompleteFileUploadCommand(
        @TargetAggregateIdentifier String fileId,
        String requesterId,
        String claimedChecksum,
        String storedChecksum,
        String objectKey,
        Instant completedAt) {}
