package io.chat4all.command.message;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of POST /v1/conversations/{conversation_id}/read, as the client wrote it. Bean Validation
 * checks it, with the path's conversation_id, before the controller runs (400 VALIDATION_FAILED).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "How far the caller has read: every message up to and including this one, sent by others.")
record MarkReadRequest(
        @Schema(
                description = "A message of this conversation",
                example = "5d9b1c0e-8f3a-4e4b-9a61-2f7c3d4e5f60",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        @Pattern(regexp = SendMessageRequest.UUID, message = SendMessageRequest.NOT_A_UUID)
        String upToMessageId) {}
