package io.chat4all.command.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.chat4all.command.file.ChunkObjects.StoredChunk;
import io.chat4all.command.file.FileLookups.UploadRow;
import io.chat4all.events.file.FileStatus;
import io.chat4all.events.file.RecordFileChunkCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** User story 3: what a PATCH answers about the chunks received, without listing the store each time. */
class UploadLedgerTest {

    private static final int MIB = 1024 * 1024;
    private static final Instant NOW = Instant.parse("2026-11-24T10:31:00Z");

    private final String fileId = UUID.randomUUID().toString();
    private final UploadRow upload = new UploadRow(
            fileId,
            UUID.randomUUID().toString(),
            "a.bin",
            10L * 5 * MIB,
            "application/octet-stream",
            5 * MIB,
            10,
            FileStatus.IN_PROGRESS,
            null,
            null,
            NOW,
            null,
            NOW.plusSeconds(86_400));
    private final CommandGateway commands = mock(CommandGateway.class);
    private final FileLookups lookups = mock(FileLookups.class);
    private final ChunkObjects objects = mock(ChunkObjects.class);
    private final Map<Integer, StoredChunk> store = new HashMap<>();
    private final UploadLedger ledger = new UploadLedger(commands, lookups, objects);

    UploadLedgerTest() {
        when(objects.find(any(), anyInt()))
                .thenAnswer(call -> Optional.ofNullable(store.get(call.<Integer>getArgument(1))));
        when(objects.list(fileId)).thenReturn(store);
    }

    @AfterEach
    void tearDown() {
        ledger.destroy();
    }

    private void inStore(int chunkId, long size) {
        store.put(chunkId, new StoredChunk(chunkId, size, "e" + chunkId));
    }

    @Test
    void chunksSentInOrderCostOneHeadOfTheNextAndNoListing() {
        when(lookups.recordedChunks(fileId)).thenReturn(Map.of(0, "e0", 1, "e1"));
        inStore(0, 5 * MIB);
        inStore(1, 5 * MIB);

        assertThat(ledger.receivedBeside(upload, 2).join()).containsExactly(0, 1, 2);
        verify(objects).find(fileId, 3);
        verify(objects, times(1)).find(any(), anyInt());
        verify(objects, never()).list(any());
    }

    @Test
    void aChunkPutToAPresignedUrlCountsAndAWrongSizedOneDoesNot() {
        when(lookups.recordedChunks(fileId)).thenReturn(Map.of());
        inStore(0, 5 * MIB);
        inStore(1, 100);

        assertThat(ledger.receivedBeside(upload, 4).join()).containsExactly(0, 4);
    }

    @Test
    void manyChunksTheLedgerLacksAreListedOnceInsteadOfProbedOneByOne() {
        when(lookups.recordedChunks(fileId)).thenReturn(Map.of());
        for (int chunk = 0; chunk < 6; chunk++) {
            inStore(chunk, 5 * MIB);
        }

        assertThat(ledger.receivedBeside(upload, 6).join()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        verify(objects, times(3)).find(any(), anyInt());
        verify(objects).list(fileId);
    }

    @Test
    void theStatusListingRecordsWhatTheLedgerDidNotKnow() {
        when(lookups.recordedChunks(fileId)).thenReturn(Map.of(0, "e0", 1, "old"));
        inStore(0, 5 * MIB);
        inStore(1, 5 * MIB);
        inStore(2, 5 * MIB);

        assertThat(ledger.synced(upload, NOW).keySet()).containsExactly(0, 1, 2);
        verify(commands).sendAndWait(new RecordFileChunkCommand(fileId, 1, 5 * MIB, "e1", null, NOW));
        verify(commands).sendAndWait(new RecordFileChunkCommand(fileId, 2, 5 * MIB, "e2", null, NOW));
        verify(commands, times(2)).sendAndWait(any());
    }
}
