package io.chat4all.command.file;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import io.chat4all.command.file.ChunkObjects.StoredChunk;
import io.chat4all.command.file.ChunkWriter.StoredBytes;
import io.chat4all.command.file.FileLookups.UploadRow;
import io.chat4all.events.file.RecordFileChunkCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Which chunks an upload holds. The FileUpload aggregate keeps the ledger; the object store is the
 * truth (a client may PUT chunks to presigned URLs the hub never sees), so the ledger is brought in
 * line with the store by a listing where it matters (status, completion) and by probing only the
 * chunk a direct PUT could have filled where it must be cheap (after every PATCH).
 */
@Component
class UploadLedger {

    private final CommandGateway commands;
    private final FileLookups lookups;
    private final ChunkObjects objects;

    UploadLedger(CommandGateway commands, FileLookups lookups, ChunkObjects objects) {
        this.commands = commands;
        this.lookups = lookups;
        this.objects = objects;
    }

    /** A chunk streamed through the hub goes into the ledger (a refusal there, e.g. expiry meanwhile, fails the PATCH). */
    void record(UploadRow upload, int chunkId, StoredBytes stored, Instant now) {
        commands.sendAndWait(new RecordFileChunkCommand(upload.fileId(), chunkId, upload.chunkLength(chunkId), stored.etag(),
                stored.sha256(), now));
    }

    /**
     * The chunks received, as cheaply as it can be known right after a PATCH: the ledger, plus
     * chunks PUT straight to storage. The hub only ever presigns the lowest missing chunk, so the
     * lowest chunk missing from the ledger is the only one a direct PUT may have filled unseen; it
     * is asked for with one HEAD (and recorded when there), then the next, until one is absent.
     */
    SortedSet<Integer> receivedAfterPatch(UploadRow upload, Instant now) {
        SortedSet<Integer> received = new TreeSet<>(lookups.recordedChunks(upload.fileId()).keySet());
        for (Integer next = lowestMissing(received, upload.totalChunks()); next != null;
             next = lowestMissing(received, upload.totalChunks())) {
            Optional<StoredChunk> direct = objects.find(upload.fileId(), next).filter(chunk -> fits(upload, chunk));
            if (direct.isEmpty()) {
                break;
            }
            recordDirect(upload, direct.get(), now);
            received.add(next);
        }
        return received;
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

    static Integer lowestMissing(SortedSet<Integer> received, int totalChunks) {
        return IntStream.range(0, totalChunks).filter(i -> !received.contains(i)).boxed().findFirst().orElse(null);
    }

    private void recordDirect(UploadRow upload, StoredChunk chunk, Instant now) {
        commands.sendAndWait(new RecordFileChunkCommand(upload.fileId(), chunk.chunkId(), chunk.size(), chunk.etag(), null, now));
    }

    private static boolean fits(UploadRow upload, StoredChunk chunk) {
        return chunk.chunkId() < upload.totalChunks() && chunk.size() == upload.chunkLength(chunk.chunkId());
    }
}
