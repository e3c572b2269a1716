package io.chat4all.command.file;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import io.chat4all.command.file.ChunkObjects.StoredChunk;
import io.chat4all.command.file.ChunkWriter.StoredBytes;
import io.chat4all.command.file.FileLookups.UploadRow;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.file.FileStatus;
import io.chat4all.events.file.InitiateFileUploadCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Chunked, resumable uploads (up to 2 GiB), translated from HTTP to commands and
 * back: the FileUpload aggregate decides, {@link UploadAccess} says who may, {@link ChunkWriter}
 * streams a chunk to object storage, {@link UploadLedger} says which chunks are there, and
 * {@link UploadCompletion} joins and verifies them.
 */
@RestController
@Tag(name = "Files")
@SecurityRequirement(name = "bearer")
class FileController {

    private static final Logger log = LoggerFactory.getLogger(FileController.class);
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final CommandGateway commands;
    private final UploadAccess access;
    private final ChunkWriter writer;
    private final UploadLedger ledger;
    private final UploadCompletion completion;
    private final PresignedUrls urls;
    private final FileSettings settings;

    FileController(
            CommandGateway commands,
            UploadAccess access,
            ChunkWriter writer,
            UploadLedger ledger,
            UploadCompletion completion,
            PresignedUrls urls,
            FileSettings settings) {
        this.commands = commands;
        this.access = access;
        this.writer = writer;
        this.ledger = ledger;
        this.completion = completion;
        this.urls = urls;
        this.settings = settings;
    }

    @PostMapping("/v1/files/initiate")
    @Operation(summary = "Start a chunked upload", description = """
                    Opens an upload of up to 2 GiB and answers its file_id, the chunk layout and a presigned URL for chunk 0 \
                    (a plain HTTP PUT of the chunk's bytes to it works without a token). Every chunk but the last is exactly \
                    chunk_size bytes. An upload not completed before expires_at is removed. 413 PAYLOAD_TOO_LARGE over \
                    2147483648 bytes; 400 VALIDATION_FAILED for a missing filename, a size below 1 or a chunk_size outside \
                    5 MiB..64 MiB.""")
    @ApiResponse(
            responseCode = "201",
            description = "Upload opened",
            content =
                    @Content(
                            schema = @Schema(implementation = FileViews.Initiated.class),
                            examples = @ExampleObject("""
            {"file_id": "0b8e2f4a-6c1d-4e3f-8a9b-1c2d3e4f5a6b", "status": "INITIATED", "chunk_size": 8388608,
             "total_chunks": 13, "upload_url": "http://localhost:9000/chat4all-files/uploads/0b8e2f4a-.../00000?X-Amz-...",
             "upload_url_expires_at": "2026-11-24T11:31:00Z", "expires_at": "2026-11-25T10:31:00Z"}""")))
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED: no filename, a size below 1, a chunk_size out of range")
    @ApiResponse(
            responseCode = "413",
            description = "PAYLOAD_TOO_LARGE",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type": "about:blank", "title": "Payload Too Large", "status": 413, "code": "PAYLOAD_TOO_LARGE",
                     "detail": "Files are limited to 2 GiB (2147483648 bytes)"}""")))
    ResponseEntity<FileViews.Initiated> initiate(
            @org.springframework.web.bind.annotation.RequestBody @Valid FileRequests.Initiate request,
            @AuthenticationPrincipal Jwt caller) {
        if (request.size() > FileUpload.MAX_SIZE) {
            throw new HubException(
                    HubError.PAYLOAD_TOO_LARGE,
                    "File of " + request.size() + " bytes refused: files are limited to 2 GiB (2147483648 bytes)");
        }
        int chunkSize = (int)
                (request.chunkSize() != null
                        ? request.chunkSize()
                        : settings.defaultChunkSize().toBytes());
        int totalChunks = FileUpload.chunkCount(request.size(), chunkSize);
        String fileId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Instant expiresAt = now.plus(settings.uploadTtl());
        String contentType = request.contentType() != null ? request.contentType() : DEFAULT_CONTENT_TYPE;
        commands.sendAndWait(new InitiateFileUploadCommand(
                fileId,
                caller.getSubject(),
                request.filename(),
                request.size(),
                contentType,
                chunkSize,
                totalChunks,
                now,
                expiresAt));
        log.info("Upload {} initiated: {} bytes in {} chunk(s)", fileId, request.size(), totalChunks);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/v1/files/" + fileId))
                .body(new FileViews.Initiated(
                        fileId,
                        FileStatus.INITIATED.name(),
                        chunkSize,
                        totalChunks,
                        urls.uploadUrl(fileId, expiresAt, 0, now),
                        urls.uploadUrlExpiry(expiresAt, now),
                        expiresAt));
    }

    @PatchMapping("/v1/files/upload")
    @Operation(summary = "Upload one chunk", description = """
                    Body: the chunk's raw bytes (application/octet-stream) or multipart/form-data with a part named file. \
                    chunk_id counts from 0; every chunk but the last is exactly chunk_size bytes (else 400 INVALID_CHUNK); \
                    sending a chunk again replaces it. The bytes stream to object storage, never held in memory. \
                    Answers how many chunks the store holds (also those PUT to presigned URLs) and a presigned URL for the \
                    lowest missing chunk. Only the uploader may send chunks (403); unknown file 404; finished or expired \
                    upload 409 UPLOAD_NOT_OPEN.""")
    @RequestBody(
            content = {
                @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = ChunkPart.class))
            })
    @ApiResponse(
            responseCode = "200",
            description = "Chunk stored",
            content =
                    @Content(
                            schema = @Schema(implementation = FileViews.ChunkReceived.class),
                            examples = @ExampleObject("""
            {"file_id": "0b8e2f4a-6c1d-4e3f-8a9b-1c2d3e4f5a6b", "chunk_id": 0, "chunk_sha256": "9f86d0...", "received_chunks": 1,
             "total_chunks": 13, "status": "IN_PROGRESS", "next_chunk_id": 1, "next_upload_url": "http://localhost:9000/..."}""")))
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_CHUNK: a chunk of the wrong size or number; VALIDATION_FAILED: "
                    + "file_id or chunk_id malformed")
    @ApiResponse(responseCode = "403", description = "ACCESS_DENIED: only the uploader sends chunks")
    @ApiResponse(responseCode = "404", description = "FILE_NOT_FOUND")
    @ApiResponse(responseCode = "409", description = "UPLOAD_NOT_OPEN: the upload is completed, failed or expired")
    FileViews.ChunkReceived upload(
            @Parameter(description = "The upload's file_id")
                    @RequestParam("file_id")
                    @Pattern(regexp = FileRequests.UUID_TEXT, message = FileRequests.NOT_A_UUID)
                    String fileId,
            @Parameter(description = "Chunk number, from 0")
                    @RequestParam("chunk_id")
                    @Pattern(regexp = FileRequests.CHUNK_NUMBER, message = FileRequests.NOT_A_CHUNK_NUMBER)
                    String chunkId,
            HttpServletRequest request,
            @AuthenticationPrincipal Jwt caller)
            throws IOException {
        int chunk = Integer.parseInt(chunkId);
        Instant now = Instant.now();
        UploadRow upload = access.openUploadOf(fileId, caller.getSubject(), now);
        if (chunk >= upload.totalChunks()) {
            throw new HubException(
                    HubError.INVALID_CHUNK, "chunk_id must be between 0 and " + (upload.totalChunks() - 1));
        }
        long expected = upload.chunkLength(chunk);
        ChunkBody body = chunkBody(request);
        if (body.length() >= 0 && body.length() != expected) {
            throw new HubException(
                    HubError.INVALID_CHUNK,
                    "Chunk " + chunk + " must be exactly " + expected + " bytes, got " + body.length());
        }
        CompletableFuture<SortedSet<Integer>> receivedBeside = ledger.receivedBeside(upload, chunk);
        StoredBytes stored;
        try (InputStream in = body.stream()) {
            stored = writer.write(upload.fileId(), chunk, in, expected, urls.hubUploadUrl(upload, chunk, now));
        }
        ledger.recordMeanwhile(upload, chunk, stored, now);
        SortedSet<Integer> received = joined(receivedBeside);
        Integer next = UploadLedger.lowestMissing(received, upload.totalChunks());
        return new FileViews.ChunkReceived(
                upload.fileId(),
                chunk,
                stored.sha256(),
                received.size(),
                upload.totalChunks(),
                FileStatus.IN_PROGRESS.name(),
                next,
                next == null ? null : urls.uploadUrl(upload, next, now));
    }

    @GetMapping("/v1/files/{file_id}")
    @Operation(summary = "An upload's state, to resume it", description = """
                    received_chunks lists the chunks the object store holds, sent through the hub or PUT to presigned URLs \
                    alike; next_upload_url is a fresh presigned URL for next_chunk_id, the lowest missing chunk (for the \
                    uploader of an open upload). Visible to the uploader and to members of a conversation carrying the file.""")
    @ApiResponse(
            responseCode = "200",
            description = "The upload's state",
            content =
                    @Content(
                            schema = @Schema(implementation = FileViews.UploadStatus.class),
                            examples = @ExampleObject("""
                    {"file_id": "0b8e2f4a-6c1d-4e3f-8a9b-1c2d3e4f5a6b", "filename": "report.pdf", "size": 104857600,
                     "content_type": "application/pdf", "status": "IN_PROGRESS", "checksum": null, "chunk_size": 8388608,
                     "total_chunks": 13, "received_chunks": [0, 1, 2], "next_chunk_id": 3,
                     "next_upload_url": "http://localhost:9000/chat4all-files/uploads/0b8e2f4a-.../00003?X-Amz-...",
                     "created_at": "2026-11-24T10:31:00Z", "completed_at": null, "expires_at": "2026-11-25T10:31:00Z"}""")))
    @ApiResponse(responseCode = "403", description = UploadAccess.NOT_ALLOWED_TO_SEE)
    @ApiResponse(responseCode = "404", description = "FILE_NOT_FOUND")
    FileViews.UploadStatus status(
            @PathVariable("file_id") @Pattern(regexp = FileRequests.UUID_TEXT, message = FileRequests.NOT_A_UUID)
                    String fileId,
            @AuthenticationPrincipal Jwt caller) {
        UploadRow upload = access.visibleUpload(fileId, caller.getSubject());
        Instant now = Instant.now();
        FileStatus status = upload.status();
        List<Integer> received;
        Integer next = null;
        String nextUrl = null;
        if (upload.status().isOpen()) {
            boolean uploader = upload.uploaderId().equals(caller.getSubject());
            SortedMap<Integer, StoredChunk> chunks = uploader ? ledger.synced(upload, now) : ledger.stored(upload);
            received = List.copyOf(chunks.keySet());
            // The lookup may not have seen a chunk's record yet (a PATCH records in the background):
            // the first chunk in storage is what makes an upload IN_PROGRESS.
            status = status == FileStatus.INITIATED && !received.isEmpty() ? FileStatus.IN_PROGRESS : status;
            next = UploadLedger.lowestMissing(chunks.keySet(), upload.totalChunks());
            if (uploader && next != null && upload.isOpenAt(now)) {
                nextUrl = urls.uploadUrl(upload, next, now);
            }
        } else if (upload.status() == FileStatus.COMPLETED) {
            received = IntStream.range(0, upload.totalChunks()).boxed().toList();
        } else {
            received = List.of();
        }
        return new FileViews.UploadStatus(
                upload.fileId(),
                upload.filename(),
                upload.size(),
                upload.contentType(),
                status.name(),
                upload.checksum(),
                upload.chunkSize(),
                upload.totalChunks(),
                received,
                next,
                nextUrl,
                upload.createdAt(),
                upload.completedAt(),
                upload.expiresAt());
    }

    @PostMapping("/v1/files/complete")
    @Operation(summary = "Complete an upload", description = """
                    Joins the chunks into one object in storage and checks the SHA-256 of the stored bytes against the \
                    checksum given (hex, a sha256: prefix allowed). Missing chunks: 409 UPLOAD_INCOMPLETE with \
                    missing_chunks. A mismatch: 422 CHECKSUM_MISMATCH, the file is not completed and the upload stays \
                    open for a corrected retry. Finished or expired upload: 409 UPLOAD_NOT_OPEN.""")
    @ApiResponse(
            responseCode = "200",
            description = "Completed",
            content =
                    @Content(
                            schema = @Schema(implementation = FileViews.Completed.class),
                            examples = @ExampleObject("""
            {"file_id": "0b8e2f4a-6c1d-4e3f-8a9b-1c2d3e4f5a6b", "status": "COMPLETED", "filename": "report.pdf",
             "size": 104857600, "content_type": "application/pdf", "checksum": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}""")))
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED: file_id not a UUID, or checksum not a SHA-256 in hex")
    @ApiResponse(responseCode = "403", description = "ACCESS_DENIED: only the uploader completes")
    @ApiResponse(responseCode = "404", description = "FILE_NOT_FOUND")
    @ApiResponse(
            responseCode = "409",
            description = "UPLOAD_INCOMPLETE or UPLOAD_NOT_OPEN",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type": "about:blank", "title": "Conflict", "status": 409, "code": "UPLOAD_INCOMPLETE",
                     "detail": "The upload misses 2 chunk(s)", "missing_chunks": [3, 7]}""")))
    @ApiResponse(
            responseCode = "422",
            description = "CHECKSUM_MISMATCH: the stored bytes hash otherwise; the upload stays open")
    FileViews.Completed complete(
            @org.springframework.web.bind.annotation.RequestBody @Valid FileRequests.Complete request,
            @AuthenticationPrincipal Jwt caller) {
        Instant now = Instant.now();
        UploadRow upload = access.openUploadOf(request.fileId(), caller.getSubject(), now);
        String stored = completion.complete(upload, caller.getSubject(), request.checksum(), now);
        return new FileViews.Completed(
                upload.fileId(),
                FileStatus.COMPLETED.name(),
                upload.filename(),
                upload.size(),
                upload.contentType(),
                stored);
    }

    /** The future's answer, or its own failure (a 503 when the store is away), not a wrapper of it. */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The raw body, or the multipart part {@code file} (which the servlet container keeps on disk, not in memory). */
    private static ChunkBody chunkBody(HttpServletRequest request) throws IOException {
        if (request instanceof MultipartHttpServletRequest multipart) {
            MultipartFile part = multipart.getFile("file");
            if (part == null) {
                throw new HubException(
                        HubError.VALIDATION_FAILED,
                        HubError.VALIDATION_FAILED.detail(),
                        List.of(new HubException.FieldError(
                                "file", "must not be null: send the chunk as the multipart part named file")),
                        Map.of());
            }
            return new ChunkBody(part.getInputStream(), part.getSize());
        }
        return new ChunkBody(request.getInputStream(), request.getContentLengthLong());
    }

    /** A chunk's bytes and their length, -1 when the client did not say (chunked transfer encoding). */
    private record ChunkBody(InputStream stream, long length) {}

    /** The multipart form of a chunk, for the OpenAPI description. */
    private record ChunkPart(
            @Schema(type = "string", format = "binary", description = "The chunk's bytes")
            String file) {}
}
