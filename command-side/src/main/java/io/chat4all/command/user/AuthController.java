package io.chat4all.command.user;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chat4all.command.limits.LoginThrottle;
import io.chat4all.command.validation.FieldErrors;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Authentication")
class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    private final Authenticator authenticator;
    private final LoginThrottle throttle;

    AuthController(Authenticator authenticator, LoginThrottle throttle) {
        this.authenticator = authenticator;
        this.throttle = throttle;
    }

    @Schema(description = "Credentials of a user")
    record TokenRequest(
            @Schema(example = "alice") String username,
            @Schema(example = "chat4all") String password) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TokenResponse(String accessToken, String tokenType, long expiresIn, String userId, String username) {}

    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Log in", description = """
                    Exchanges a username and password for a bearer token (a signed JWT) to send as \
                    `Authorization: Bearer <access_token>` on every /v1 call. The token is valid for expires_in \
                    seconds (3600 by default), also across restarts of the hub. A wrong password and an unknown \
                    user get the same 401 INVALID_CREDENTIALS. Also accepts application/x-www-form-urlencoded \
                    (the OAuth2 password flow of Swagger UI's Authorize). More than 5 failed logins in a minute for one \
                    username from one client address, or more than 30 from one address, are 429 TOO_MANY_REQUESTS with \
                    Retry-After until the window passes, before any password check.""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = TokenRequest.class)),
                @Content(
                        mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                        schema = @Schema(implementation = TokenRequest.class))
            })
    @ApiResponse(
            responseCode = "200",
            description = "Logged in",
            content = @Content(schema = @Schema(implementation = TokenResponse.class), examples = @ExampleObject("""
            {"access_token": "eyJhbGciOiJIUzI1NiJ9...", "token_type": "bearer", "expires_in": 3600,
             "user_id": "6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10", "username": "alice"}""")))
    @ApiResponse(
            responseCode = "401",
            description = "INVALID_CREDENTIALS",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type": "about:blank", "title": "Unauthorized", "status": 401, "code": "INVALID_CREDENTIALS",
                     "detail": "Invalid username or password"}""")))
    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: username or password missing")
    @ApiResponse(responseCode = "429", description = "TOO_MANY_REQUESTS: too many failed logins (see Retry-After)")
    TokenResponse token(@RequestBody TokenRequest request, HttpServletRequest http) {
        return issue(request.username(), request.password(), http.getRemoteAddr());
    }

    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    // Documented with the JSON login, whose request body lists both media types: one path and method, one operation.
    @Operation(hidden = true)
    TokenResponse tokenFromForm(@RequestParam Map<String, String> form, HttpServletRequest http) {
        return issue(form.get("username"), form.get("password"), http.getRemoteAddr());
    }

    private TokenResponse issue(String username, String password, String clientAddress) {
        FieldErrors errors = new FieldErrors();
        if (username == null || username.isBlank()) {
            errors.add("username", "must not be blank");
        }
        if (password == null || password.isEmpty()) {
            errors.add("password", "must not be blank");
        }
        errors.throwIfAny();
        Authenticator.IssuedToken token;
        try (LoginThrottle.Attempt attempt = throttle.begin(username, clientAddress)) {
            try {
                token = authenticator.login(username, password);
            } catch (HubException e) {
                if (e.error() == HubError.INVALID_CREDENTIALS) {
                    attempt.failed();
                }
                throw e;
            }
        }
        log.info("User {} logged in", token.userId());
        return new TokenResponse(token.accessToken(), "bearer", token.expiresIn(), token.userId(), token.username());
    }
}
