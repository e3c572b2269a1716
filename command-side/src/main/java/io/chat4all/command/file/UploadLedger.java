package io.chat4all.command.file;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;

import io.chat4all.command.file.ChunkObjects.StoredChunk;
import io.chat4all.command.file.ChunkWriter.StoredBytes;
import io.chat4all.command.file.FileLookups.UploadRow;
import io.chat4all.events.HubException;
import io.chat4all.events.file.RecordFileChunkCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Which chunks an upload holds. The FileUpload aggregate keeps the ledger; the object store is the
 * truth (a client may PUT chunks to presigned URLs the hub never sees), so the ledger is brought in
 * line with the store by a listing where it matters (status, completion). A PATCH, which must be
 * cheap, records its chunk in the background and probes the store for a few chunks only, both off
 * the request's path: the chunk is in storage when the PATCH answers, and whatever the ledger
 * lacks then is recorded by the next status or completion.
 */
@Component
class UploadLedger implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UploadLedger.class);
    /** HEADs a PATCH may spend on chunks the ledger lacks before one listing is cheaper. */
    private static final int MAX_PROBES = 3;

    private final CommandGateway commands;
    private final FileLookups lookups;
    private final ChunkObjects objects;
    /**
     * Runs the ledger's work beside the chunk's bytes. The command bus is the simple one, which
     * handles a command on the sender's thread, so the gateway's future alone would not take it off
     * the request's path.
     */
    private final ExecutorService background = DaemonPools.cached("upload-ledger");

    UploadLedger(CommandGateway commands, FileLookups lookups, ChunkObjects objects) {
        this.commands = commands;
        this.lookups = lookups;
        this.objects = objects;
    }

    /**
     * Records a chunk streamed through the hub, without waiting: the chunk is in storage already,
     * and a record that fails (the upload completed or expired meanwhile, the database away) is
     * made good by the listing of the next status or completion.
     */
    void recordMeanwhile(UploadRow upload, int chunkId, StoredBytes stored, Instant now) {
        RecordFileChunkCommand command = new RecordFileChunkCommand(
                upload.fileId(), chunkId, upload.chunkLength(chunkId), stored.etag(), stored.sha256(), now);
        CompletableFuture.runAsync(() -> commands.sendAndWait(command), background)
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof HubException) {
                        // Refused by the upload (completed or expired meanwhile): nothing is missing.
                        log.debug(
                                "Chunk {} of upload {} not recorded: {}", chunkId, upload.fileId(), cause.getMessage());
                    } else {
                        log.warn(
                                "Chunk {} of upload {} left to the next listing: {}",
                                chunkId,
                                upload.fileId(),
                                cause.toString());
                    }
                    return null;
                });
    }

    /**
     * The chunks received besides {@code chunkId} (counted as received: this is asked while it
     * streams), as cheaply as it can be known: the ledger, plus chunks PUT straight to storage or
     * still being recorded. The hub only ever presigns the lowest missing chunk, so the lowest
     * chunk missing from the ledger is the first a direct PUT may have filled unseen; it is asked
     * for with one HEAD, then the next, until one is absent (or a listing is cheaper).
     */
    CompletableFuture<SortedSet<Integer>> receivedBeside(UploadRow upload, int chunkId) {
        return CompletableFuture.supplyAsync(
                () -> {
                    SortedSet<Integer> received = new TreeSet<>(
                            lookups.recordedChunks(upload.fileId()).keySet());
                    received.add(chunkId);
                    for (int probes = 0; ; probes++) {
                        Integer next = lowestMissing(received, upload.totalChunks());
                        if (next == null) {
                            return received;
                        }
                        if (probes == MAX_PROBES) {
                            received.addAll(stored(upload).keySet());
                            return received;
                        }
                        Optional<StoredChunk> direct =
                                objects.find(upload.fileId(), next).filter(chunk -> fits(upload, chunk));
                        if (direct.isEmpty()) {
                            return received;
                        }
                        received.add(next);
                    }
                },
                background);
    }

    /** The chunks in storage of the agreed size, every one of them recorded in the ledger. */
    SortedMap<Integer, StoredChunk> synced(UploadRow upload, Instant now) {
        SortedMap<Integer, StoredChunk> valid = stored(upload);
        Map<Integer, String> recorded = lookups.recordedChunks(upload.fileId());
        for (StoredChunk chunk : valid.values()) {
            if (!chunk.etag().equals(recorded.get(chunk.chunkId()))) {
                recordDirect(upload, chunk, now);
            }
        }
        return valid;
    }

    /** The chunks in storage of the agreed size: one of another size (a wrong PUT to a presigned URL) does not count. */
    SortedMap<Integer, StoredChunk> stored(UploadRow upload) {
        SortedMap<Integer, StoredChunk> valid = new TreeMap<>();
        objects.list(upload.fileId()).forEach((id, chunk) -> {
            if (fits(upload, chunk)) {
                valid.put(id, chunk);
            }
        });
        return valid;
    }

    static Integer lowestMissing(Set<Integer> received, int totalChunks) {
        return IntStream.range(0, totalChunks)
                .filter(i -> !received.contains(i))
                .boxed()
                .findFirst()
                .orElse(null);
    }

    private void recordDirect(UploadRow upload, StoredChunk chunk, Instant now) {
        commands.sendAndWait(
                new RecordFileChunkCommand(upload.fileId(), chunk.chunkId(), chunk.size(), chunk.etag(), null, now));
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }

    private static boolean fits(UploadRow upload, StoredChunk chunk) {
        return chunk.chunkId() < upload.totalChunks() && chunk.size() == upload.chunkLength(chunk.chunkId());
    }
}
