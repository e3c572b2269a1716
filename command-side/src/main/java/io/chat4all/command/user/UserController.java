package io.chat4all.command.user;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chat4all.command.validation.FieldErrors;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
class UserController {

    private final UserDirectory users;

    UserController(UserDirectory users) {
        this.users = users;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Me(String userId, String username, Instant createdAt) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Listed(String userId, String username) {}

    record Users(List<Listed> users) {}

    @GetMapping("/v1/users/me")
    @Operation(summary = "Who am I", description = "The user the bearer token was issued to.")
    @ApiResponse(
            responseCode = "200",
            description = "The caller",
            content = @Content(schema = @Schema(implementation = Me.class), examples = @ExampleObject("""
            {"user_id": "6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10", "username": "alice", "created_at": "2026-11-24T10:00:00Z"}""")))
    Me me(@AuthenticationPrincipal Jwt caller) {
        UserAccount user = users.byId(caller.getSubject()).orElseThrow(() -> new HubException(HubError.USER_NOT_FOUND));
        return new Me(user.userId(), user.username(), user.createdAt());
    }

    @GetMapping("/v1/users")
    @Operation(
            summary = "Find users",
            description = "The user directory, by name: users whose username starts with `username`, ordered by name, "
                    + "at most `limit` (1..100, default 20). Use it to find the ids of the members of a conversation.")
    @ApiResponse(
            responseCode = "200",
            description = "Matching users",
            content = @Content(schema = @Schema(implementation = Users.class), examples = @ExampleObject("""
            {"users": [{"user_id": "0b8a1e0e-3c55-4f0f-a6a1-4c9f3f5a9e21", "username": "bob"}]}""")))
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED: limit out of 1..100, or a username prefix too long")
    Users list(
            @RequestParam(name = "username", defaultValue = "") String prefix,
            @RequestParam(name = "limit", defaultValue = "20") int limit) {
        FieldErrors errors = new FieldErrors();
        if (limit < 1 || limit > 100) {
            errors.add("limit", "must be between 1 and 100");
        }
        if (prefix.length() > Authenticator.MAX_USERNAME || prefix.chars().anyMatch(Character::isISOControl)) {
            errors.add(
                    "username",
                    "must be at most " + Authenticator.MAX_USERNAME + " characters, without control characters");
        }
        errors.throwIfAny();
        return new Users(users.search(prefix, limit).stream()
                .map(u -> new Listed(u.userId(), u.username()))
                .toList());
    }
}
