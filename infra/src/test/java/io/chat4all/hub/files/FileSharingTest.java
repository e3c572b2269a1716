package io.chat4all.hub.files;

import static io.chat4all.hub.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import io.chat4all.hub.files.FileTransfers.Answer;
import io.chat4all.hub.files.FileTransfers.Content;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * User story 3 (file upload and sharing) through HTTP on the real stack: chunked uploads into the
 * S3 server, presigned chunk URLs, resuming, completion with the SHA-256 check, file messages,
 * downloads and who may make them, expiry (FR-018..FR-029, SC-003, SC-006, SC-010, SC-016, SC-022).
 */
class FileSharingTest extends HubIntegrationTest {

    private static final int MIB = 1024 * 1024;

    @Autowired
    ApiClient api;

    @Autowired
    MinioClient minio;

    @LocalServerPort
    int port;

    @Value("${logging.file.name}")
    String logFile;

    @Value("${chat4all.files.bucket}")
    String bucket;

    FileTransfers transfers;
    String uploader;
    String uploaderId;
    String member;
    String memberId;
    String outsider;

    @BeforeEach
    void setUp() {
        transfers = new FileTransfers(port);
        uploader = api.login("user031");
        uploaderId = api.userId("user031");
        member = api.login("user032");
        memberId = api.userId("user032");
        outsider = api.login("user033");
    }

    @Test
    void sc006_aHundredMegabyteFileIsUploadedInChunksSharedListedAndDownloadedIntact() {
        Content content = new Content(6, 100L * MIB, 8 * MIB);
        ApiClient.Response initiated =
                initiate(Map.of("filename", "lecture.mp4", "size", 100L * MIB, "content_type", "video/mp4"));
        assertThat(initiated.status()).as(initiated.rawBody()).isEqualTo(201);
        String fileId = (String) initiated.body().get("file_id");
        assertThat(initiated.body())
                .containsEntry("status", "INITIATED")
                .containsEntry("chunk_size", 8 * MIB)
                .containsEntry("total_chunks", 13)
                .containsKeys("upload_url", "upload_url_expires_at", "expires_at");
        assertThat(initiated.header("Location")).isEqualTo("/v1/files/" + fileId);
        assertThat((String) initiated.body().get("upload_url"))
                .contains("/uploads/" + fileId + "/")
                .contains("X-Amz-Signature=");

        for (int chunk = 0; chunk < 13; chunk++) {
            Answer received = transfers.patchChunk(uploader, fileId, chunk, content.chunk(chunk));
            assertThat(received.status()).as(received.raw()).isEqualTo(200);
            assertThat(received.body())
                    .containsEntry("file_id", fileId)
                    .containsEntry("chunk_id", chunk)
                    .containsEntry("received_chunks", chunk + 1)
                    .containsEntry("total_chunks", 13)
                    .containsEntry("status", "IN_PROGRESS");
            assertThat(received.body().get("next_upload_url") != null).isEqualTo(chunk < 12);
        }
        ApiClient.Response completed =
                api.post("/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", content.sha256()));
        assertThat(completed.status()).as(completed.rawBody()).isEqualTo(200);
        assertThat(completed.body())
                .isEqualTo(Map.of(
                        "file_id",
                        fileId,
                        "status",
                        "COMPLETED",
                        "filename",
                        "lecture.mp4",
                        "size",
                        100 * MIB,
                        "content_type",
                        "video/mp4",
                        "checksum",
                        content.sha256()));

        String conversationId = privateConversation(uploader, uploaderId, memberId);
        String messageId = sendFile(uploader, conversationId, uploaderId, fileId);
        Map<String, Object> delivered = awaitMessage(member, messageId, m -> "DELIVERED".equals(m.get("status")));
        assertThat(delivered.get("payload"))
                .isEqualTo(Map.of(
                        "type",
                        "file",
                        "file_id",
                        fileId,
                        "filename",
                        "lecture.mp4",
                        "size",
                        100 * MIB,
                        "content_type",
                        "video/mp4",
                        "download_url",
                        "/v1/files/" + fileId + "/download"));
        ApiClient.Response listing = api.get("/v1/conversations/" + conversationId + "/messages", member);
        assertThat(list(listing.body().get("messages")))
                .anySatisfy(m -> assertThat(m.get("payload")).isEqualTo(delivered.get("payload")));

        Answer redirect = transfers.get("/v1/files/" + fileId + "/download", member);
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).contains("/files/" + fileId).contains("X-Amz-Signature=");
        assertThat(transfers.sha256OfDownload(redirect.header("Location"))).isEqualTo(content.sha256());

        ApiClient.Response status = api.get("/v1/files/" + fileId, uploader);
        assertThat(status.body())
                .containsEntry("status", "COMPLETED")
                .containsEntry("checksum", content.sha256())
                .containsEntry("received_chunks", IntStream.range(0, 13).boxed().toList())
                .containsEntry("next_upload_url", null);
        assertThat(status.body().get("completed_at")).isNotNull();
        assertThat(objectsUnder("uploads/" + fileId + "/"))
                .as("chunks are removed once joined")
                .isEmpty();
    }

    @Test
    void chunksPutToPresignedUrlsCountTheSameAndAnInterruptedUploadResumes() {
        Content content = new Content(7, 11L * MIB + 12345, 5 * MIB);
        ApiClient.Response initiated =
                initiate(Map.of("filename", "notes.bin", "file_size", 11L * MIB + 12345, "chunk_size", 5 * MIB));
        assertThat(initiated.status()).as(initiated.rawBody()).isEqualTo(201);
        String fileId = (String) initiated.body().get("file_id");
        assertThat(initiated.body()).containsEntry("total_chunks", 3);

        // Chunk 0 straight to storage, without a token; chunk 2 through the hub as a multipart part; then "the network
        // drops".
        assertThat(transfers.putToPresignedUrl((String) initiated.body().get("upload_url"), content.chunk(0)))
                .isEqualTo(200);
        Answer viaHub = transfers.patchChunkAsPart(uploader, fileId, 2, content.chunk(2), "file");
        assertThat(viaHub.status()).as(viaHub.raw()).isEqualTo(200);
        assertThat(viaHub.body()).containsEntry("received_chunks", 2).containsEntry("next_chunk_id", 1);

        ApiClient.Response resume = api.get("/v1/files/" + fileId, uploader);
        assertThat(resume.status()).isEqualTo(200);
        assertThat(resume.body())
                .containsEntry("status", "IN_PROGRESS")
                .containsEntry("received_chunks", List.of(0, 2))
                .containsEntry("next_chunk_id", 1)
                .containsEntry("filename", "notes.bin")
                .containsEntry("size", 11 * MIB + 12345)
                .containsEntry("chunk_size", 5 * MIB)
                .containsEntry("total_chunks", 3)
                .containsEntry("checksum", null);

        ApiClient.Response early =
                api.post("/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", content.sha256()));
        assertProblem(early, 409, "UPLOAD_INCOMPLETE");
        assertThat(early.body()).containsEntry("missing_chunks", List.of(1));

        assertThat(transfers.putToPresignedUrl((String) resume.body().get("next_upload_url"), content.chunk(1)))
                .isEqualTo(200);
        ApiClient.Response completed = api.post(
                "/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", "sha256:" + content.sha256()));
        assertThat(completed.status()).as(completed.rawBody()).isEqualTo(200);
        assertThat(completed.body()).containsEntry("status", "COMPLETED").containsEntry("checksum", content.sha256());
    }

    @Test
    void sc010_aWrongChecksumIsRefusedAndTheUploadStaysOpenForACorrectedRetry() {
        Content content = new Content(8, 6L * MIB, 5 * MIB);
        String fileId = uploadAllChunks(content, "draft.txt");

        ApiClient.Response wrong =
                api.post("/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", "0".repeat(64)));
        assertProblem(wrong, 422, "CHECKSUM_MISMATCH");
        assertThat(api.get("/v1/files/" + fileId, uploader).body())
                .containsEntry("status", "IN_PROGRESS")
                .containsEntry("received_chunks", List.of(0, 1));
        assertThat(transfers.get("/v1/files/" + fileId + "/download", uploader).status())
                .isEqualTo(409);

        // A corrupted chunk replaced by its right bytes, then the right checksum: completed.
        assertThat(transfers.patchChunk(uploader, fileId, 1, new byte[MIB]).status())
                .isEqualTo(200);
        assertProblem(
                api.post("/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", content.sha256())),
                422,
                "CHECKSUM_MISMATCH");
        assertThat(transfers.patchChunk(uploader, fileId, 1, content.chunk(1)).status())
                .isEqualTo(200);
        ApiClient.Response right =
                api.post("/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", content.sha256()));
        assertThat(right.status()).as(right.rawBody()).isEqualTo(200);

        assertProblem(
                api.post("/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", content.sha256())),
                409,
                "UPLOAD_NOT_OPEN");
        Answer late = transfers.patchChunk(uploader, fileId, 0, content.chunk(0));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).containsEntry("code", "UPLOAD_NOT_OPEN");
    }

    @Test
    void sc022_oversizedAndMalformedInitiationsAreRefusedAtOnceWithAClearReason() {
        ApiClient.Response tooLarge = initiate(Map.of("filename", "huge.iso", "size", 2147483649L));
        assertProblem(tooLarge, 413, "PAYLOAD_TOO_LARGE");
        assertThat((String) tooLarge.body().get("detail")).contains("2 GiB").contains("2147483648");
        assertProblem(initiate(Map.of("filename", "huge.iso", "file_size", 5L * 1024 * MIB)), 413, "PAYLOAD_TOO_LARGE");
        assertThat(initiate(Map.of("filename", "max.iso", "size", 2147483648L, "chunk_size", 64 * MIB))
                        .status())
                .isEqualTo(201);

        ApiClient.Response invalid = initiate(Map.of("size", 0, "chunk_size", MIB));
        assertProblem(invalid, 400, "VALIDATION_FAILED");
        assertThat(list(invalid.body().get("errors")))
                .extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("filename", "size", "chunk_size");
        assertProblem(initiate(Map.of("filename", "a.txt", "size", "big")), 400, "VALIDATION_FAILED");
        assertProblem(initiate(Map.of("filename", 7, "size", 10)), 400, "VALIDATION_FAILED");
        assertProblem(api.postRaw("/v1/files/initiate", uploader, "{\"filename\": "), 400, "MALFORMED_JSON");
        assertProblem(
                api.post("/v1/files/initiate", null, Map.of("filename", "a.txt", "size", 10)), 401, "UNAUTHENTICATED");
    }

    @Test
    void chunksOfTheWrongSizeOrNumberAreRefusedAndNothingIsStored() {
        Content content = new Content(9, 10L * MIB + 10, 5 * MIB);
        String fileId =
                (String) initiate(Map.of("filename", "parts.bin", "size", 10L * MIB + 10, "chunk_size", 5 * MIB))
                        .body()
                        .get("file_id");

        Answer tooShort = transfers.patchChunk(uploader, fileId, 0, new byte[5 * MIB - 1]);
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).containsEntry("code", "INVALID_CHUNK");
        assertThat((String) tooShort.body().get("detail")).contains("5242880");
        Answer lastTooLong = transfers.patchChunk(uploader, fileId, 2, new byte[11]);
        assertThat(lastTooLong.body()).containsEntry("code", "INVALID_CHUNK");
        assertThat(transfers
                        .patchChunkAsPart(uploader, fileId, 1, new byte[100], "file")
                        .body())
                .containsEntry("code", "INVALID_CHUNK");
        assertThat(transfers.patchChunk(uploader, fileId, 3, new byte[10]).body())
                .containsEntry("code", "INVALID_CHUNK");
        assertThat(transfers
                        .patchChunkAsPart(uploader, fileId, 2, content.chunk(2), "not-file")
                        .body())
                .containsEntry("code", "VALIDATION_FAILED");
        for (String chunkId : List.of("-1", "one", "")) {
            Answer bad = transfers.patchChunk(uploader, fileId, chunkId, content.chunk(2));
            assertThat(bad.status()).as(chunkId).isEqualTo(400);
            assertThat(bad.body()).containsEntry("code", "VALIDATION_FAILED");
        }
        assertThat(transfers
                        .patchChunk(uploader, "not-a-uuid", 0, content.chunk(0))
                        .body())
                .containsEntry("code", "VALIDATION_FAILED");

        assertThat(api.get("/v1/files/" + fileId, uploader).body())
                .containsEntry("status", "INITIATED")
                .containsEntry("received_chunks", List.of())
                .containsEntry("next_chunk_id", 0);
        assertThat(objectsUnder("uploads/" + fileId + "/")).isEmpty();
    }

    @Test
    void aStreamedChunkIsMeasuredAsItIsReadAndOnlyTheRightLengthIsStored() {
        Content content = new Content(11, 5L * MIB, 5 * MIB);
        String fileId = (String) initiate(Map.of("filename", "streamed.bin", "size", 5L * MIB, "chunk_size", 5 * MIB))
                .body()
                .get("file_id");
        byte[] chunk = content.chunk(0);

        Answer tooShort = transfers.patchChunkStreamed(uploader, fileId, 0, Arrays.copyOf(chunk, chunk.length - 1));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).containsEntry("code", "INVALID_CHUNK");
        assertThat((String) tooShort.body().get("detail")).contains("got only " + (chunk.length - 1));
        Answer tooLong = transfers.patchChunkStreamed(uploader, fileId, 0, Arrays.copyOf(chunk, chunk.length + 1));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).containsEntry("code", "INVALID_CHUNK");
        assertThat((String) tooLong.body().get("detail")).contains("got more");
        assertThat(api.get("/v1/files/" + fileId, uploader).body()).containsEntry("received_chunks", List.of());
        // The store drops a body cut short once it has read to the cut, a moment after the hub answers.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(objectsUnder("uploads/" + fileId + "/")).isEmpty());

        Answer exact = transfers.patchChunkStreamed(uploader, fileId, 0, chunk);
        assertThat(exact.status()).isEqualTo(200);
        assertThat(exact.body()).containsEntry("chunk_sha256", content.sha256()).containsEntry("received_chunks", 1);
        assertThat(objectsUnder("uploads/" + fileId + "/")).hasSize(1);
    }

    @Test
    void onlyTheUploaderSendsChunksAndOnlyUploaderAndConversationMembersDownload() {
        Content content = new Content(10, 3L * MIB, 5 * MIB);
        String fileId =
                (String) initiate(Map.of("filename", "photo.jpg", "size", 3L * MIB, "content_type", "image/jpeg"))
                        .body()
                        .get("file_id");

        Answer foreignChunk = transfers.patchChunk(member, fileId, 0, content.chunk(0));
        assertThat(foreignChunk.status()).isEqualTo(403);
        assertThat(foreignChunk.body()).containsEntry("code", "ACCESS_DENIED");
        assertThat(transfers
                        .patchChunk(uploader, UUID.randomUUID().toString(), 0, content.chunk(0))
                        .body())
                .containsEntry("code", "FILE_NOT_FOUND");
        assertThat(transfers.patchChunk(uploader, fileId, 0, content.chunk(0)).status())
                .isEqualTo(200);
        assertProblem(
                api.post("/v1/files/complete", member, Map.of("file_id", fileId, "checksum", content.sha256())),
                403,
                "ACCESS_DENIED");
        assertThat(api.post("/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", content.sha256()))
                        .status())
                .isEqualTo(200);

        assertThat(transfers.get("/v1/files/" + fileId + "/download", uploader).status())
                .isEqualTo(302);
        assertThat(transfers.get("/v1/files/" + fileId + "/download", member).body())
                .containsEntry("code", "ACCESS_DENIED");
        assertProblem(api.get("/v1/files/" + fileId, member), 403, "ACCESS_DENIED");
        assertProblem(api.get("/v1/files/" + UUID.randomUUID(), member), 404, "FILE_NOT_FOUND");
        assertThat(transfers.get("/v1/files/" + fileId + "/download", null).status())
                .isEqualTo(401);

        // Shared in the uploader's conversation with the member: the member may download, the outsider still not.
        String conversationId = privateConversation(uploader, uploaderId, memberId);
        String messageId = sendFile(uploader, conversationId, uploaderId, fileId);
        awaitMessage(member, messageId, m -> "DELIVERED".equals(m.get("status")));
        assertThat(transfers.get("/v1/files/" + fileId + "/download", member).status())
                .isEqualTo(302);
        assertThat(api.get("/v1/files/" + fileId, member).body()).containsEntry("status", "COMPLETED");
        assertThat(transfers.get("/v1/files/" + fileId + "/download", outsider).status())
                .isEqualTo(403);

        // The outsider cannot gain access by sending the file id in a conversation of their own.
        String outsiderId = api.userId("user033");
        String theirs = privateConversation(outsider, outsiderId, api.userId("user034"));
        String stolen = sendFile(outsider, theirs, outsiderId, fileId);
        Map<String, Object> failed = awaitMessage(outsider, stolen, m -> "FAILED".equals(m.get("status")));
        assertThat(lastNote(failed)).isEqualTo("File " + fileId + " not found");
        assertThat(transfers.get("/v1/files/" + fileId + "/download", outsider).status())
                .isEqualTo(403);
    }

    @Test
    void withAcceptJsonTheDownloadAnswersItsPresignedUrlInsteadOfARedirect() {
        Content content = new Content(11, MIB, 5 * MIB);
        String fileId =
                (String) initiate(Map.of("filename", "notes.txt", "size", content.size(), "chunk_size", 5 * MIB))
                        .body()
                        .get("file_id");
        assertThat(transfers.patchChunk(uploader, fileId, 0, content.chunk(0)).status())
                .isEqualTo(200);
        String download = "/v1/files/" + fileId + "/download";
        assertProblem(api.get(download, uploader), 409, "UPLOAD_INCOMPLETE");
        assertThat(api.post("/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", content.sha256()))
                        .status())
                .isEqualTo(200);

        ApiClient.Response json = api.get(download, uploader); // ApiClient asks for application/json
        assertThat(json.status()).as(json.rawBody()).isEqualTo(200);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.header("Cache-Control")).isEqualTo("no-store");
        assertThat(json.body()).containsOnlyKeys("download_url", "expires_at");
        Instant expiresAt = Instant.parse((String) json.body().get("expires_at"));
        assertThat(expiresAt).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(transfers.sha256OfDownload((String) json.body().get("download_url")))
                .isEqualTo(content.sha256());

        // Without that Accept (a browser, curl): the redirect, as before; others are refused either way.
        assertThat(transfers.get(download, uploader).status()).isEqualTo(302);
        assertProblem(api.get(download, member), 403, "ACCESS_DENIED");
    }

    @Test
    void fileMessagesWithAnUnknownOrUnfinishedFileEndFailedWithTheReasonAndAnErrorLine() throws Exception {
        String conversationId = privateConversation(uploader, uploaderId, memberId);
        String unknownFile = UUID.randomUUID().toString();
        String unknown = sendFile(uploader, conversationId, uploaderId, unknownFile);
        Map<String, Object> failed = awaitMessage(member, unknown, m -> "FAILED".equals(m.get("status")));
        assertThat(list(failed.get("status_history")))
                .extracting(h -> h.get("status"))
                .containsExactly("ACCEPTED", "FAILED");
        assertThat(lastNote(failed)).isEqualTo("File " + unknownFile + " not found");
        Map<String, Object> unknownPayload = new HashMap<>(Map.of(
                "type", "file", "file_id", unknownFile, "download_url", "/v1/files/" + unknownFile + "/download"));
        unknownPayload.put("filename", null);
        unknownPayload.put("size", null);
        unknownPayload.put("content_type", null);
        assertThat(failed.get("payload")).as("an unknown file has no details").isEqualTo(unknownPayload);

        String openFile = (String) initiate(Map.of("filename", "half.bin", "size", 10L * MIB, "chunk_size", 5 * MIB))
                .body()
                .get("file_id");
        String unfinished = sendFile(uploader, conversationId, uploaderId, openFile);
        assertThat(lastNote(awaitMessage(member, unfinished, m -> "FAILED".equals(m.get("status")))))
                .isEqualTo("File " + openFile + " is not completed (INITIATED)");

        List<String> errorLines = Files.readAllLines(Path.of(logFile)).stream()
                .filter(l -> l.contains(" ERROR ") && (l.contains(unknown) || l.contains(unfinished)))
                .toList();
        assertThat(errorLines).hasSize(2);
    }

    @Test
    void aFileMessageWithChannelsIsRoutedOnlyWhenItsFileIsThere() {
        Content content = new Content(12, 2L * MIB, 5 * MIB);
        String fileId = uploadAllChunks(content, "map.png");
        assertThat(api.post("/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", content.sha256()))
                        .status())
                .isEqualTo(200);
        String conversationId = privateConversation(uploader, uploaderId, memberId);

        String routed = sendFile(uploader, conversationId, uploaderId, fileId, List.of("whatsapp"));
        Map<String, Object> delivered = awaitMessage(member, routed, m -> "DELIVERED".equals(m.get("status")));
        assertThat(list(delivered.get("status_history")))
                .extracting(h -> h.get("status"))
                .containsExactly("ACCEPTED", "IN_TRANSIT", "DELIVERED");
        assertThat(list(delivered.get("deliveries")))
                .extracting(d -> d.get("channel") + ":" + d.get("recipient"))
                .containsExactly("whatsapp:" + memberId);

        String unknownFile = UUID.randomUUID().toString();
        String notRouted = sendFile(uploader, conversationId, uploaderId, unknownFile, List.of("instagram"));
        Map<String, Object> failed = awaitMessage(member, notRouted, m -> "FAILED".equals(m.get("status")));
        assertThat(list(failed.get("status_history")))
                .extracting(h -> h.get("status"))
                .containsExactly("ACCEPTED", "FAILED");
        assertThat(lastNote(failed)).isEqualTo("File " + unknownFile + " not found");
        assertThat(list(failed.get("deliveries"))).isEmpty();
    }

    @Test
    void anUploadNotCompletedInTimeExpiresAndItsChunksAreRemoved() {
        Content content = new Content(11, 6L * MIB, 5 * MIB);
        ApiClient.Response initiated =
                initiate(Map.of("filename", "abandoned.bin", "size", 6L * MIB, "chunk_size", 5 * MIB));
        String fileId = (String) initiated.body().get("file_id");
        Instant expiresAt = Instant.parse((String) initiated.body().get("expires_at"));
        assertThat(expiresAt)
                .isBetween(Instant.now().plusSeconds(10), Instant.now().plusSeconds(30)); // the test profile's 20 s
        assertThat(transfers.patchChunk(uploader, fileId, 0, content.chunk(0)).status())
                .isEqualTo(200);
        assertThat(objectsUnder("uploads/" + fileId + "/")).hasSize(1);

        ApiClient.Response expired = await(
                "/v1/files/" + fileId, uploader, r -> "EXPIRED".equals(r.body().get("status")), Duration.ofSeconds(60));
        assertThat(expired.body()).containsEntry("received_chunks", List.of()).containsEntry("next_upload_url", null);
        assertThat(objectsUnder("uploads/" + fileId + "/")).isEmpty();
        Answer late = transfers.patchChunk(uploader, fileId, 1, content.chunk(1));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body()).containsEntry("code", "UPLOAD_NOT_OPEN");
        assertProblem(
                api.post("/v1/files/complete", uploader, Map.of("file_id", fileId, "checksum", content.sha256())),
                409,
                "UPLOAD_NOT_OPEN");
    }

    // --- helpers -------------------------------------------------------------------------------

    private ApiClient.Response initiate(Map<String, Object> body) {
        return api.post("/v1/files/initiate", uploader, body);
    }

    private String uploadAllChunks(Content content, String filename) {
        String fileId = (String)
                initiate(Map.of("filename", filename, "size", content.size(), "chunk_size", content.chunkSize()))
                        .body()
                        .get("file_id");
        for (int chunk = 0; chunk < content.totalChunks(); chunk++) {
            Answer answer = transfers.patchChunk(uploader, fileId, chunk, content.chunk(chunk));
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        }
        return fileId;
    }

    private String privateConversation(String token, String self, String other) {
        ApiClient.Response response =
                api.post("/v1/conversations", token, Map.of("type", "private", "members", List.of(self, other)));
        assertThat(response.status()).as(response.rawBody()).isIn(200, 201);
        return (String) response.body().get("conversation_id");
    }

    private String sendFile(String token, String conversationId, String from, String fileId) {
        return sendFile(token, conversationId, from, fileId, List.of());
    }

    private String sendFile(String token, String conversationId, String from, String fileId, List<String> channels) {
        String messageId = UUID.randomUUID().toString();
        ApiClient.Response response = api.post(
                "/v1/messages",
                token,
                Map.of(
                        "message_id",
                        messageId,
                        "conversation_id",
                        conversationId,
                        "from",
                        from,
                        "channels",
                        channels,
                        "payload",
                        Map.of("type", "file", "file_id", fileId)));
        assertThat(response.status()).as(response.rawBody()).isEqualTo(200);
        return messageId;
    }

    private Map<String, Object> awaitMessage(String token, String messageId, Predicate<Map<String, Object>> condition) {
        return await(
                        "/v1/messages/" + messageId,
                        token,
                        r -> r.status() == 200 && condition.test(r.body()),
                        Duration.ofSeconds(15))
                .body();
    }

    private ApiClient.Response await(
            String path, String token, Predicate<ApiClient.Response> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ApiClient.Response last;
        do {
            last = api.get(path, token);
            if (condition.test(last)) {
                return last;
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(
                path + " did not get there in " + timeout + "; last answer " + last.status() + " " + last.rawBody());
    }

    private static String lastNote(Map<String, Object> message) {
        List<Map<String, Object>> history = list(message.get("status_history"));
        return (String) history.get(history.size() - 1).get("note");
    }

    private List<String> objectsUnder(String prefix) {
        List<String> names = new ArrayList<>();
        try {
            for (var item : minio.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket)
                    .prefix(prefix)
                    .recursive(true)
                    .build())) {
                names.add(item.get().objectName());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
