package io.chat4all.command.file;

import static io.chat4all.command.HubErrors.refusedWith;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.file.CompleteFileUploadCommand;
import io.chat4all.events.file.ExpireFileUploadCommand;
import io.chat4all.events.file.FileChunkStoredEvent;
import io.chat4all.events.file.FileUploadCompletedEvent;
import io.chat4all.events.file.FileUploadExpiredEvent;
import io.chat4all.events.file.FileUploadInitiatedEvent;
import io.chat4all.events.file.InitiateFileUploadCommand;
import io.chat4all.events.file.RecordFileChunkCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User story 3: the chunk ledger, the completion rules and expiry of one upload. */
class FileUploadTest {

    private static final int MIB = 1024 * 1024;
    private static final Instant THEN = Instant.parse("2026-11-24T10:31:00Z");
    private static final Instant EXPIRY = THEN.plusSeconds(86_400);
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final long SIZE = 12L * MIB + 100; // chunks 0 and 1 of 6 MiB, chunk 2 of 100 bytes

    private final String fileId = UUID.randomUUID().toString();
    private final String alice = UUID.randomUUID().toString();
    private final FileUploadInitiatedEvent initiated = new FileUploadInitiatedEvent(
            fileId, alice, "report.pdf", SIZE, "application/pdf", 6 * MIB, 3, THEN, EXPIRY);
    private AggregateTestFixture<FileUpload> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FileUpload.class);
    }

    private FileChunkStoredEvent stored(int chunkId, long size, String etag) {
        return new FileChunkStoredEvent(fileId, chunkId, size, etag, null, THEN);
    }

    private RecordFileChunkCommand record(int chunkId, long size, String etag) {
        return new RecordFileChunkCommand(fileId, chunkId, size, etag, "sha-" + etag, THEN);
    }

    private CompleteFileUploadCommand complete(String requester, String claimed, String stored) {
        return new CompleteFileUploadCommand(fileId, requester, claimed, stored, "files/" + fileId, THEN);
    }

    @Test
    void anUploadIsInitiated() {
        fixture.givenNoPriorActivity()
                .when(new InitiateFileUploadCommand(
                        fileId, alice, "report.pdf", SIZE, "application/pdf", 6 * MIB, 3, THEN, EXPIRY))
                .expectEvents(initiated);
    }

    @Test
    void aFileOver2GiBIsRefusedAtInitiation() {
        long tooLarge = FileUpload.MAX_SIZE + 1;
        fixture.givenNoPriorActivity()
                .when(new InitiateFileUploadCommand(
                        fileId,
                        alice,
                        "huge.iso",
                        tooLarge,
                        "application/octet-stream",
                        64 * MIB,
                        FileUpload.chunkCount(tooLarge, 64 * MIB),
                        THEN,
                        EXPIRY))
                .expectException(refusedWith(HubError.PAYLOAD_TOO_LARGE))
                .expectNoEvents();
    }

    @Test
    void exactly2GiBIsAllowed() {
        fixture.givenNoPriorActivity()
                .when(new InitiateFileUploadCommand(
                        fileId,
                        alice,
                        "max.iso",
                        FileUpload.MAX_SIZE,
                        "application/octet-stream",
                        64 * MIB,
                        32,
                        THEN,
                        EXPIRY))
                .expectEvents(new FileUploadInitiatedEvent(
                        fileId,
                        alice,
                        "max.iso",
                        FileUpload.MAX_SIZE,
                        "application/octet-stream",
                        64 * MIB,
                        32,
                        THEN,
                        EXPIRY));
    }

    @Test
    void aChunkCountThatDoesNotFitTheSizeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new InitiateFileUploadCommand(
                        fileId, alice, "report.pdf", SIZE, "application/pdf", 6 * MIB, 2, THEN, EXPIRY))
                .expectException(refusedWith(HubError.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void aChunkOfTheAgreedSizeGoesIntoTheLedger() {
        fixture.given(initiated)
                .when(record(2, 100, "e2"))
                .expectEvents(new FileChunkStoredEvent(fileId, 2, 100, "e2", "sha-e2", THEN));
    }

    @Test
    void aChunkOfAnotherSizeIsRefused() {
        fixture.given(initiated)
                .when(record(0, 5 * MIB, "e0"))
                .expectException(refusedWith(HubError.INVALID_CHUNK))
                .expectNoEvents();
        fixture.given(initiated)
                .when(record(2, 6 * MIB, "e2"))
                .expectException(refusedWith(HubError.INVALID_CHUNK))
                .expectNoEvents();
    }

    @Test
    void aChunkBeyondTheLastOrBeforeTheFirstIsRefused() {
        fixture.given(initiated)
                .when(record(3, 100, "e3"))
                .expectException(refusedWith(HubError.INVALID_CHUNK))
                .expectNoEvents();
        fixture.given(initiated)
                .when(record(-1, 6 * MIB, "e-1"))
                .expectException(refusedWith(HubError.INVALID_CHUNK))
                .expectNoEvents();
    }

    @Test
    void aChunkPutToAPresignedUrlIsRecordedWithoutItsHash() {
        fixture.given(initiated, stored(0, 6 * MIB, "e0"))
                .when(new RecordFileChunkCommand(fileId, 1, 6 * MIB, "e1", null, THEN.plusSeconds(5)))
                .expectEvents(new FileChunkStoredEvent(fileId, 1, 6 * MIB, "e1", null, THEN.plusSeconds(5)));
    }

    @Test
    void theSameChunkRecordedAgainChangesNothingButNewBytesReplaceIt() {
        fixture.given(initiated, stored(0, 6 * MIB, "e0"))
                .when(record(0, 6 * MIB, "e0"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(initiated, stored(0, 6 * MIB, "e0"))
                .when(record(0, 6 * MIB, "e0-again"))
                .expectEvents(new FileChunkStoredEvent(fileId, 0, 6 * MIB, "e0-again", "sha-e0-again", THEN));
    }

    @Test
    void completionWithEveryChunkAndTheRightChecksumCompletes() {
        fixture.given(initiated, stored(0, 6 * MIB, "e0"), stored(1, 6 * MIB, "e1"), stored(2, 100, "e2"))
                .when(complete(alice, "sha256:" + SHA.toUpperCase(), SHA))
                .expectEvents(new FileUploadCompletedEvent(fileId, SHA, "files/" + fileId, SIZE, THEN));
    }

    @Test
    void completionWithMissingChunksListsThem() {
        fixture.given(initiated, stored(1, 6 * MIB, "e1"))
                .when(complete(alice, SHA, SHA))
                .expectException(new CustomTypeSafeMatcher<HubException>("UPLOAD_INCOMPLETE listing chunks 0 and 2") {
                    @Override
                    protected boolean matchesSafely(HubException e) {
                        return e.error() == HubError.UPLOAD_INCOMPLETE
                                && e.properties().get("missing_chunks").equals(List.of(0, 2));
                    }
                })
                .expectNoEvents();
    }

    @Test
    void aChecksumMismatchLeavesTheUploadOpenForACorrectedRetry() {
        fixture.given(initiated, stored(0, 6 * MIB, "e0"), stored(1, 6 * MIB, "e1"), stored(2, 100, "e2"))
                .when(complete(alice, "0".repeat(64), SHA))
                .expectException(refusedWith(HubError.CHECKSUM_MISMATCH))
                .expectNoEvents();
        fixture.given(initiated, stored(0, 6 * MIB, "e0"), stored(1, 6 * MIB, "e1"), stored(2, 100, "e2"))
                .andGivenCommands(record(1, 6 * MIB, "e1-fixed"))
                .when(complete(alice, SHA, SHA))
                .expectEvents(new FileUploadCompletedEvent(fileId, SHA, "files/" + fileId, SIZE, THEN));
    }

    @Test
    void onlyTheUploaderCompletes() {
        fixture.given(initiated, stored(0, 6 * MIB, "e0"), stored(1, 6 * MIB, "e1"), stored(2, 100, "e2"))
                .when(complete(UUID.randomUUID().toString(), SHA, SHA))
                .expectException(refusedWith(HubError.ACCESS_DENIED))
                .expectNoEvents();
    }

    @Test
    void aCompletedUploadTakesNoMoreChunksNorCompletions() {
        FileUploadCompletedEvent completed = new FileUploadCompletedEvent(fileId, SHA, "files/" + fileId, SIZE, THEN);
        fixture.given(initiated, stored(0, 6 * MIB, "e0"), stored(1, 6 * MIB, "e1"), stored(2, 100, "e2"), completed)
                .when(record(0, 6 * MIB, "e0-new"))
                .expectException(refusedWith(HubError.UPLOAD_NOT_OPEN))
                .expectNoEvents();
        fixture.given(initiated, stored(0, 6 * MIB, "e0"), stored(1, 6 * MIB, "e1"), stored(2, 100, "e2"), completed)
                .when(complete(alice, SHA, SHA))
                .expectException(refusedWith(HubError.UPLOAD_NOT_OPEN))
                .expectNoEvents();
    }

    @Test
    void anOpenUploadExpiresOnlyOnceItsTimeIsUp() {
        fixture.given(initiated, stored(0, 6 * MIB, "e0"))
                .when(new ExpireFileUploadCommand(fileId, EXPIRY.minusSeconds(1)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(initiated, stored(0, 6 * MIB, "e0"))
                .when(new ExpireFileUploadCommand(fileId, EXPIRY))
                .expectResultMessagePayload(true)
                .expectEvents(new FileUploadExpiredEvent(fileId, EXPIRY));
    }

    @Test
    void expiringAnExpiredUploadAgainChangesNothing() {
        fixture.given(initiated, new FileUploadExpiredEvent(fileId, EXPIRY))
                .when(new ExpireFileUploadCommand(fileId, EXPIRY.plusSeconds(60)))
                .expectResultMessagePayload(true)
                .expectNoEvents();
    }

    @Test
    void anExpiredUploadTakesNoChunksAndACompletedOneNeverExpires() {
        fixture.given(initiated, new FileUploadExpiredEvent(fileId, EXPIRY))
                .when(record(0, 6 * MIB, "e0"))
                .expectException(refusedWith(HubError.UPLOAD_NOT_OPEN))
                .expectNoEvents();
        fixture.given(initiated, stored(0, 6 * MIB, "e0"), new FileUploadExpiredEvent(fileId, EXPIRY))
                .when(complete(alice, SHA, SHA))
                .expectException(refusedWith(HubError.UPLOAD_NOT_OPEN))
                .expectNoEvents();
        fixture.given(
                        initiated,
                        stored(0, 6 * MIB, "e0"),
                        stored(1, 6 * MIB, "e1"),
                        stored(2, 100, "e2"),
                        new FileUploadCompletedEvent(fileId, SHA, "files/" + fileId, SIZE, THEN))
                .when(new ExpireFileUploadCommand(fileId, EXPIRY.plusSeconds(60)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }
}
