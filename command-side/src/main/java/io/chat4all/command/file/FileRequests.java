package io.chat4all.command.file;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The bodies and parameters of the upload endpoints, as the client wrote them, with their Bean
 * Validation constraints: every violated field is answered at once, 400 VALIDATION_FAILED (the
 * messages are given here, so they stay English whatever the request's locale).
 */
final class FileRequests {

    static final String UUID_TEXT = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    static final String NOT_A_UUID = "must be a UUID";
    /** A chunk number: digits only (at most 9, so it fits an int), optionally signed + as Integer.parseInt allows. */
    static final String CHUNK_NUMBER = "^\\+?[0-9]{1,9}$";

    static final String NOT_A_CHUNK_NUMBER = "must be a whole number from 0";
    static final String REQUIRED = "must not be null";
    private static final int MAX_NAME_LENGTH = 255;

    private FileRequests() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(description = "A file to upload in chunks")
    record Initiate(
            @Schema(example = "report.pdf", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_NAME_LENGTH)
            @NotNull(message = REQUIRED)
            @PlainText(max = MAX_NAME_LENGTH)
            String filename,

            @JsonAlias("file_size")
            @Schema(
                    description = "Bytes, 1..2147483648 (2 GiB); file_size is accepted too",
                    example = "104857600",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = REQUIRED)
            @Min(value = 1, message = "must be at least 1")
            Long size,

            @Schema(example = "application/pdf", defaultValue = "application/octet-stream", maxLength = MAX_NAME_LENGTH)
            @PlainText(max = MAX_NAME_LENGTH)
            String contentType,

            @Schema(description = "Bytes per chunk, 5 MiB..64 MiB", example = "8388608", defaultValue = "8388608")
            @AllowedChunkSize
            Long chunkSize) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Complete(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = REQUIRED)
            @Pattern(regexp = UUID_TEXT, message = NOT_A_UUID)
            String fileId,

            @Schema(
                    description = "SHA-256 of the whole file, hex; a sha256: prefix is allowed",
                    example = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull(message = REQUIRED)
            @Pattern(
                    regexp = "^(sha256:)?[0-9a-fA-F]{64}$",
                    message = "must be a SHA-256 in hex (64 characters), optionally prefixed with sha256:")
            String checksum) {}
}
