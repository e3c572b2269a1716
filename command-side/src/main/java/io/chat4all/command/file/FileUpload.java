package io.chat4all.command.file;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import io.chat4all.command.AggregateCaches;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.file.CompleteFileUploadCommand;
import io.chat4all.events.file.ExpireFileUploadCommand;
import io.chat4all.events.file.FileChunkStoredEvent;
import io.chat4all.events.file.FileStatus;
import io.chat4all.events.file.FileUploadCompletedEvent;
import io.chat4all.events.file.FileUploadExpiredEvent;
import io.chat4all.events.file.FileUploadInitiatedEvent;
import io.chat4all.events.file.InitiateFileUploadCommand;
import io.chat4all.events.file.RecordFileChunkCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One chunked upload. It keeps the chunk ledger and decides what may happen: chunks only while
 * the upload is open and only of the agreed size, completion only with every chunk in place
 * and a checksum that matches the stored bytes, expiry only of an upload still open.
 * INITIATED → IN_PROGRESS (first chunk) → COMPLETED, or EXPIRED.
 */
@Aggregate(cache = AggregateCaches.FILE_UPLOAD)
class FileUpload {

    /** 2 GiB, the largest file the hub takes. */
    static final long MAX_SIZE = 2L * 1024 * 1024 * 1024;

    @AggregateIdentifier
    private String fileId;

    private String uploaderId;
    private long size;
    private int chunkSize;
    private int totalChunks;
    private FileStatus status;
    private Instant expiresAt;
    private final Map<Integer, FileChunk> chunks = new TreeMap<>();

    protected FileUpload() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    FileUpload(InitiateFileUploadCommand command) {
        if (command.size() > MAX_SIZE) {
            throw new HubException(HubError.PAYLOAD_TOO_LARGE);
        }
        if (command.size() < 1
                || command.chunkSize() < 1
                || command.totalChunks() != chunkCount(command.size(), command.chunkSize())) {
            throw new HubException(HubError.VALIDATION_FAILED, "Inconsistent upload size, chunk size and chunk count");
        }
        apply(new FileUploadInitiatedEvent(
                command.fileId(),
                command.uploaderId(),
                command.filename(),
                command.size(),
                command.contentType(),
                command.chunkSize(),
                command.totalChunks(),
                command.initiatedAt(),
                command.expiresAt()));
    }

    /** A chunk already recorded with the same bytes is not recorded again (the ledger is synced from storage). */
    @CommandHandler
    void handle(RecordFileChunkCommand command) {
        requireOpen();
        if (command.chunkId() < 0 || command.chunkId() >= totalChunks) {
            throw new HubException(HubError.INVALID_CHUNK, "chunk_id must be between 0 and " + (totalChunks - 1));
        }
        long expected = expectedSize(command.chunkId());
        if (command.size() != expected) {
            throw new HubException(
                    HubError.INVALID_CHUNK,
                    "Chunk " + command.chunkId() + " must be exactly " + expected + " bytes, got " + command.size());
        }
        FileChunk known = chunks.get(command.chunkId());
        if (known != null && known.etag().equals(command.etag())) {
            return;
        }
        apply(new FileChunkStoredEvent(
                fileId, command.chunkId(), command.size(), command.etag(), command.sha256(), command.storedAt()));
    }

    @CommandHandler
    void handle(CompleteFileUploadCommand command) {
        if (!uploaderId.equals(command.requesterId())) {
            throw new HubException(HubError.ACCESS_DENIED);
        }
        requireOpen();
        List<Integer> missing = missingChunks();
        if (!missing.isEmpty()) {
            throw incomplete(missing);
        }
        if (!normalized(command.claimedChecksum()).equals(normalized(command.storedChecksum()))) {
            throw new HubException(HubError.CHECKSUM_MISMATCH);
        }
        apply(new FileUploadCompletedEvent(
                fileId, normalized(command.storedChecksum()), command.objectKey(), size, command.completedAt()));
    }

    /** @return whether the upload is now EXPIRED (so its chunks may be removed) */
    @CommandHandler
    boolean handle(ExpireFileUploadCommand command) {
        if (status == FileStatus.EXPIRED) {
            return true;
        }
        if (!status.isOpen() || command.now().isBefore(expiresAt)) {
            return false;
        }
        apply(new FileUploadExpiredEvent(fileId, command.now()));
        return true;
    }

    @EventSourcingHandler
    void on(FileUploadInitiatedEvent event) {
        fileId = event.fileId();
        uploaderId = event.uploaderId();
        size = event.size();
        chunkSize = event.chunkSize();
        totalChunks = event.totalChunks();
        expiresAt = event.expiresAt();
        status = FileStatus.INITIATED;
    }

    @EventSourcingHandler
    void on(FileChunkStoredEvent event) {
        chunks.put(
                event.chunkId(),
                new FileChunk(event.chunkId(), event.size(), event.etag(), event.sha256(), event.storedAt()));
        status = FileStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(FileUploadCompletedEvent event) {
        status = FileStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(FileUploadExpiredEvent event) {
        status = FileStatus.EXPIRED;
        chunks.clear();
    }

    private void requireOpen() {
        if (!status.isOpen()) {
            throw new HubException(HubError.UPLOAD_NOT_OPEN, "The upload is " + status + " and takes no more chunks");
        }
    }

    private List<Integer> missingChunks() {
        return IntStream.range(0, totalChunks)
                .filter(i -> !chunks.containsKey(i))
                .boxed()
                .toList();
    }

    private long expectedSize(int chunkId) {
        return chunkLength(size, chunkSize, totalChunks, chunkId);
    }

    /** Every chunk but the last is {@code chunkSize} bytes; the last holds the rest. */
    static long chunkLength(long size, int chunkSize, int totalChunks, int chunkId) {
        return chunkId < totalChunks - 1 ? chunkSize : size - (long) chunkSize * (totalChunks - 1);
    }

    static int chunkCount(long size, int chunkSize) {
        return (int) ((size + chunkSize - 1) / chunkSize);
    }

    /** Lower-case hex without the optional {@code sha256:} prefix. */
    static String normalized(String checksum) {
        String hex = checksum.toLowerCase(Locale.ROOT);
        return hex.startsWith("sha256:") ? hex.substring("sha256:".length()) : hex;
    }

    static HubException incomplete(List<Integer> missing) {
        return new HubException(
                HubError.UPLOAD_INCOMPLETE,
                "The upload misses " + missing.size() + " chunk(s)",
                List.of(),
                Map.of("missing_chunks", missing));
    }
}
