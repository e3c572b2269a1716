package io.chat4all.command.message;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST /v1/conversations/{conversation_id}/read, as the client wrote it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "How far the caller has read: every message up to and including this one, sent by others.")
record MarkReadRequest(
        @Schema(
                description = "A message of this conversation",
                example = "5d9b1c0e-8f3a-4e4b-9a61-2f7c3d4e5f60",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String upToMessageId) {}
