package io.chat4all.command.conversation;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A new conversation. The caller is always a member (added if absent); duplicate ids are ignored.")
record CreateConversationRequest(
        @Schema(
                description = "private (exactly 2 members, one per pair) or group (3 to 100 members)",
                allowableValues = {"private", "group"},
                example = "private",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String type,

        @Schema(
                description = "User ids of the members",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "[\"6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10\", \"0b8a1e0e-3c55-4f0f-a6a1-4c9f3f5a9e21\"]")
        List<String> members,

        @Schema(description = "Free-form attributes, e.g. a name", example = "{\"name\": \"Project X\"}")
        Map<String, Object> metadata) {}
