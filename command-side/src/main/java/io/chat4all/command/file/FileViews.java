package io.chat4all.command.file;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What the upload endpoints answer. */
final class FileViews {

    private FileViews() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Initiated(
            String fileId,
            String status,
            int chunkSize,
            int totalChunks,
            String uploadUrl,
            Instant uploadUrlExpiresAt,
            Instant expiresAt) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChunkReceived(
            String fileId,
            int chunkId,
            String chunkSha256,
            int receivedChunks,
            int totalChunks,
            String status,
            Integer nextChunkId,
            String nextUploadUrl) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UploadStatus(
            String fileId,
            String filename,
            long size,
            String contentType,
            String status,
            String checksum,
            int chunkSize,
            int totalChunks,
            List<Integer> receivedChunks,
            Integer nextChunkId,
            String nextUploadUrl,
            Instant createdAt,
            Instant completedAt,
            Instant expiresAt) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Completed(String fileId, String status, String filename, long size, String contentType, String checksum) {}

    /** The JSON form of a download (Accept: application/json), for clients that cannot read a redirect. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Download(String downloadUrl, Instant expiresAt) {}
}
