package io.chat4all.command.message;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /v1/messages, as the client wrote it; checked field by field before use. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A message to send. Sending the same message_id with the same body again is harmless.")
record SendMessageRequest(
        @Schema(description = "Client-chosen UUID; the idempotency key", example = "5d9b1c0e-8f3a-4e4b-9a61-2f7c3d4e5f60",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String messageId,
        @Schema(example = "3f0c8a5e-1b2d-4c3e-9f4a-5b6c7d8e9f01", requiredMode = Schema.RequiredMode.REQUIRED)
        String conversationId,
        @Schema(description = "The caller's user id", example = "6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String from,
        @Schema(description = "One member the message is for; absent: every other member", nullable = true)
        String to,
        @Schema(description = "whatsapp, instagram, all (= every channel); absent or empty: in-app only",
                example = "[\"whatsapp\"]")
        List<String> channels,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        Payload payload,
        @Schema(allowableValues = {"low", "normal", "high"}, defaultValue = "normal")
        String priority) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(description = "type text with text (1..4096 characters), or type file with file_id")
    record Payload(
            @Schema(allowableValues = {"text", "file"}, example = "text", requiredMode = Schema.RequiredMode.REQUIRED)
            String type,
            @Schema(example = "Olá!")
            String text,
            @Schema(description = "An uploaded file's id (type file)")
            String fileId) {
    }
}
