package io.chat4all.command.message;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chat4all.command.limits.SendRateLimit;
import io.chat4all.command.validation.DuplicateKeys;
import io.chat4all.events.BrokerStatus;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.ReadYourWrites;
import io.chat4all.events.message.Channel;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.events.message.Priority;
import io.chat4all.events.message.RepeatSendCommand;
import io.chat4all.events.message.SendMessageCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Messages")
@SecurityRequirement(name = "bearer")
class MessageController {

    private final CommandGateway commands;
    private final BrokerStatus broker;
    private final SendRateLimit rateLimit;
    private final ReadYourWrites readYourWrites;

    MessageController(
            CommandGateway commands, BrokerStatus broker, SendRateLimit rateLimit, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.broker = broker;
        this.rateLimit = rateLimit;
        this.readYourWrites = readYourWrites;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Accepted(String status, String messageId) {}

    @PostMapping("/v1/messages")
    @Operation(summary = "Send a message", description = """
                    Accepts a text or file message for asynchronous delivery and answers as soon as it is stored and \
                    readable (GET /v1/messages/{message_id} and the listing show it once this answers, API.md Consistency): \
                    it never waits for Kafka or the channels. Follow its status with GET /v1/messages/{message_id}. \
                    Idempotent on message_id: the same body again answers the same; another body under the same \
                    message_id is 409 MESSAGE_ID_CONFLICT. 400 VALIDATION_FAILED names every bad field at once; \
                    403 ACCESS_DENIED when from is not the caller or the caller is not a member; 404 CONVERSATION_NOT_FOUND.""")
    @ApiResponse(
            responseCode = "200",
            description = "Accepted",
            content = @Content(schema = @Schema(implementation = Accepted.class), examples = @ExampleObject("""
            {"status": "accepted", "message_id": "5d9b1c0e-8f3a-4e4b-9a61-2f7c3d4e5f60"}""")))
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type": "about:blank", "title": "Bad Request", "status": 400, "code": "VALIDATION_FAILED",
                     "detail": "Request validation failed",
                     "errors": [{"field": "conversation_id", "message": "must not be null"},
                                {"field": "payload.text", "message": "must not be null"}]}""")))
    @ApiResponse(
            responseCode = "403",
            description = "ACCESS_DENIED: from is not the caller, or the caller is not a member")
    @ApiResponse(responseCode = "404", description = "CONVERSATION_NOT_FOUND")
    @ApiResponse(
            responseCode = "409",
            description = "MESSAGE_ID_CONFLICT: this message_id was sent before with another body")
    @ApiResponse(
            responseCode = "429",
            description = "TOO_MANY_REQUESTS: more than 100 sends in a second (see Retry-After)")
    @ApiResponse(
            responseCode = "503",
            description = "SERVICE_UNAVAILABLE: Kafka or PostgreSQL unreachable; nothing stored, "
                    + "retry with the same message_id after Retry-After seconds")
    CompletableFuture<Accepted> send(
            @Valid @RequestBody SendMessageRequest request, BindingResult invalid, @AuthenticationPrincipal Jwt caller)
            throws BindException {
        rateLimit.check(caller.getSubject()); // before the body's checks: an invalid send counts against the limit too
        if (invalid.hasErrors()) {
            throw new BindException(invalid); // 400 VALIDATION_FAILED naming every field (ApiExceptionHandler)
        }
        SendMessageCommand command = toCommand(request, caller);
        if (!broker.isReachable()) {
            // Stored now, it could be neither delivered nor failed until Kafka is back: refused
            // before anything is stored, so the client's retry with the same message_id is the only copy.
            throw new HubException(HubError.SERVICE_UNAVAILABLE, "Kafka is unreachable; retry later");
        }
        send(command); // the Message aggregate checks membership and picks the recipients
        // Answered once the read model shows it (API.md, Consistency), without holding this thread meanwhile.
        return readYourWrites
                .readable(command.messageId())
                .thenApply(readable -> new Accepted("accepted", command.messageId()));
    }

    /**
     * A send creates its message without looking for one first. If the id is taken (a client's
     * retry, or two identical sends racing on a new id: the loser's append fails on the event
     * store's unique key), it is repeated as a {@link RepeatSendCommand}, which finds the stored
     * message and answers the same (or the conflict, if the body differs).
     */
    private void send(SendMessageCommand command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            if (!DuplicateKeys.isCause(e)) {
                throw e;
            }
            commands.sendAndWait(new RepeatSendCommand(command));
        }
    }

    /** The request has passed Bean Validation ({@link SendMessageRequest}): this only translates it. */
    private static SendMessageCommand toCommand(SendMessageRequest request, Jwt caller) {
        String from = lower(request.from());
        if (!from.equals(caller.getSubject())) {
            throw new HubException(HubError.ACCESS_DENIED, "Access denied: from must be the caller");
        }
        SendMessageRequest.Payload payload = request.payload();
        MessagePayload content = MessagePayload.FILE.equals(payload.type())
                ? MessagePayload.file(lower(payload.fileId()))
                : MessagePayload.text(payload.text());
        return new SendMessageCommand(
                lower(request.messageId()),
                lower(request.conversationId()),
                from,
                caller.getClaimAsString("username"),
                lower(request.to()),
                channels(request.channels()),
                content,
                priority(request.priority()),
                Instant.now());
    }

    /** Distinct channels in a stable order; "all" means every channel; none means in-app only. */
    private static List<Channel> channels(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class); // ordered as the enum, without duplicates
        for (String name : requested) {
            if ("all".equals(name)) {
                channels.addAll(List.of(Channel.values()));
            } else {
                channels.add(Channel.valueOf(name.toUpperCase(Locale.ROOT)));
            }
        }
        return List.copyOf(channels);
    }

    private static Priority priority(String requested) {
        return requested == null ? Priority.NORMAL : Priority.valueOf(requested.toUpperCase(Locale.ROOT));
    }

    private static String lower(String id) {
        return id == null ? null : id.toLowerCase(Locale.ROOT);
    }
}
