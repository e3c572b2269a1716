package io.chat4all.command.message;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of POST /v1/messages, as the client wrote it. Bean Validation checks it before the
 * controller runs; every offending field is named at once (400 VALIDATION_FAILED, API.md).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A message to send. Sending the same message_id with the same body again is harmless.")
record SendMessageRequest(
        @Schema(
                description = "Client-chosen UUID; the idempotency key",
                example = "5d9b1c0e-8f3a-4e4b-9a61-2f7c3d4e5f60",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        @Pattern(regexp = UUID, message = NOT_A_UUID)
        String messageId,

        @Schema(example = "3f0c8a5e-1b2d-4c3e-9f4a-5b6c7d8e9f01", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        @Pattern(regexp = UUID, message = NOT_A_UUID)
        String conversationId,

        @Schema(
                description = "The caller's user id",
                example = "6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        @Pattern(regexp = UUID, message = NOT_A_UUID)
        String from,

        @Schema(description = "One member the message is for; absent: every other member", nullable = true)
        @Pattern(regexp = UUID, message = NOT_A_UUID)
        String to,

        @Schema(
                description = "whatsapp, instagram, all (= every channel); absent or empty: in-app only",
                example = "[\"whatsapp\"]")
        List<@NotNull(message = CHANNELS) @Pattern(regexp = "whatsapp|instagram|all", message = CHANNELS) String>
                channels,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Valid
        Payload payload,

        @Schema(
                allowableValues = {"low", "normal", "high"},
                defaultValue = "normal")
        @Pattern(regexp = "low|normal|high", message = "must be one of [low, normal, high]")
        String priority) {

    static final int MAX_TEXT_LENGTH = 4096;
    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String NOT_A_UUID = "must be a UUID";
    static final String CHANNELS = "must be one of [whatsapp, instagram, all]";

    /** What the payload needs depends on its type: text for text, file_id for file ({@link PayloadFields}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(description = "type text with text (1..4096 characters), or type file with file_id")
    @PayloadFields
    record Payload(
            @Schema(
                    allowableValues = {"text", "file"},
                    example = "text",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull
            @Pattern(regexp = "text|file", message = "must be one of [text, file]")
            String type,

            @Schema(example = "Olá!") String text,

            @Schema(description = "An uploaded file's id (type file)")
            String fileId) {}
}
