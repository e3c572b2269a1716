package io.chat4all.command.file;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.IntStream;

import io.chat4all.command.file.ChunkObjects.StoredChunk;
import io.chat4all.command.file.FileLookups.UploadRow;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.file.CompleteFileUploadCommand;
import io.chat4all.events.file.FileObjects;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Completing an upload: every chunk in storage and in the ledger, the chunks joined into the
 * file's object while their SHA-256 is computed, then the FileUpload aggregate decides (the
 * checksum must match). A refused completion leaves the chunks and removes the joined copy, so the
 * client can correct a chunk and retry; an accepted one removes the chunks.
 */
@Component
class UploadCompletion {

    private static final Logger log = LoggerFactory.getLogger(UploadCompletion.class);

    private final CommandGateway commands;
    private final UploadLedger ledger;
    private final ChunkJoiner joiner;
    private final ChunkObjects objects;

    UploadCompletion(CommandGateway commands, UploadLedger ledger, ChunkJoiner joiner, ChunkObjects objects) {
        this.commands = commands;
        this.ledger = ledger;
        this.joiner = joiner;
        this.objects = objects;
    }

    /**
     * @return the SHA-256 of the stored bytes, which matched {@code claimedChecksum}
     * @throws HubException UPLOAD_INCOMPLETE (with the missing chunks), CHECKSUM_MISMATCH, or as the aggregate refuses
     */
    String complete(UploadRow upload, String requesterId, String claimedChecksum, Instant now) {
        SortedMap<Integer, StoredChunk> chunks = ledger.synced(upload, now);
        List<Integer> missing = IntStream.range(0, upload.totalChunks())
                .filter(i -> !chunks.containsKey(i))
                .boxed()
                .toList();
        if (!missing.isEmpty()) {
            throw FileUpload.incomplete(missing);
        }
        long started = System.nanoTime();
        String key = FileObjects.fileKey(upload.fileId());
        String stored = joiner.joinAndHash(upload.fileId(), new ArrayList<>(chunks.values()), key);
        long joined = objects.sizeOf(key);
        if (joined != upload.size()) {
            log.error(
                    "Upload {}: the joined object has {} bytes, not {}; completion refused",
                    upload.fileId(),
                    joined,
                    upload.size());
            removeQuietly(key);
            throw new HubException(HubError.SERVICE_UNAVAILABLE);
        }
        try {
            commands.sendAndWait(
                    new CompleteFileUploadCommand(upload.fileId(), requesterId, claimedChecksum, stored, key, now));
        } catch (RuntimeException refused) {
            // A mismatch (or an upload that expired meanwhile): the chunks stay, the joined copy goes.
            removeQuietly(key);
            log.info("Upload {} not completed: {}", upload.fileId(), refused.getMessage());
            throw refused;
        }
        log.info(
                "Upload {} completed: {} bytes joined and verified in {} ms",
                upload.fileId(),
                upload.size(),
                (System.nanoTime() - started) / 1_000_000);
        try {
            objects.removeChunks(upload.fileId());
        } catch (HubException e) {
            log.warn("Chunks of completed upload {} left in storage", upload.fileId());
        }
        return stored;
    }

    private void removeQuietly(String key) {
        try {
            objects.remove(key);
        } catch (HubException e) {
            log.warn("Could not remove {} after a refused completion", key);
        }
    }
}
