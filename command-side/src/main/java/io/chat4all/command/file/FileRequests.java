package io.chat4all.command.file;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** The bodies of the upload endpoints, as the client wrote them; checked field by field before use. */
final class FileRequests {

    private FileRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(description = "A file to upload in chunks")
    record Initiate(
            @Schema(example = "report.pdf", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 255)
            String filename,
            @JsonAlias("file_size")
            @Schema(description = "Bytes, 1..2147483648 (2 GiB); file_size is accepted too", example = "104857600",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Long size,
            @Schema(example = "application/pdf", defaultValue = "application/octet-stream")
            String contentType,
            @Schema(description = "Bytes per chunk, 5 MiB..64 MiB", example = "8388608", defaultValue = "8388608")
            Long chunkSize) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Complete(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String fileId,
            @Schema(description = "SHA-256 of the whole file, hex; a sha256: prefix is allowed",
                    example = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String checksum) {
    }
}
