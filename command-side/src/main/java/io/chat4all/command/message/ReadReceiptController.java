package io.chat4all.command.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chat4all.command.conversation.ConversationLookups;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.ReadYourWrites;
import io.chat4all.events.message.MarkReadCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Read receipts (API.md): a member tells how far they have read a conversation. */
@RestController
@Tag(name = "Conversations")
@SecurityRequirement(name = "bearer")
class ReadReceiptController {

    private final CommandGateway commands;
    private final ConversationLookups conversations;
    private final ReadYourWrites readYourWrites;

    ReadReceiptController(CommandGateway commands, ConversationLookups conversations, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.conversations = conversations;
        this.readYourWrites = readYourWrites;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReadMark(String conversationId, String upToMessageId, Instant readAt) {}

    @PostMapping("/v1/conversations/{conversation_id}/read")
    @Operation(summary = "Mark a conversation read", description = """
                    Marks every message of the conversation up to and including up_to_message_id, sent by others, \
                    as read by the caller: they show the caller in read_by (GET /v1/messages/{message_id} and the \
                    listing, at once once this answers), and the caller's unread_count of the conversation drops. \
                    The delivery status is unchanged. Reading up to a message again answers its first read_at and \
                    changes nothing; reading up to an older one changes nothing already read. Members only: \
                    403 ACCESS_DENIED; 404 CONVERSATION_NOT_FOUND; 404 MESSAGE_NOT_FOUND when the message is not one \
                    of this conversation's; 400 VALIDATION_FAILED names a missing or ill-formed id.""")
    @ApiResponse(
            responseCode = "200",
            description = "Read",
            content = @Content(schema = @Schema(implementation = ReadMark.class), examples = @ExampleObject("""
            {"conversation_id": "3f0c8a5e-1b2d-4c3e-9f4a-5b6c7d8e9f01",
             "up_to_message_id": "5d9b1c0e-8f3a-4e4b-9a61-2f7c3d4e5f60", "read_at": "2026-11-24T10:32:04.512Z"}""")))
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type": "about:blank", "title": "Bad Request", "status": 400, "code": "VALIDATION_FAILED",
                     "detail": "Request validation failed",
                     "errors": [{"field": "up_to_message_id", "message": "must be a UUID"}]}""")))
    @ApiResponse(
            responseCode = "403",
            description = "ACCESS_DENIED: the caller is not a member",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type": "about:blank", "title": "Forbidden", "status": 403, "code": "ACCESS_DENIED",
                     "detail": "Access denied"}""")))
    @ApiResponse(
            responseCode = "404",
            description = "CONVERSATION_NOT_FOUND or MESSAGE_NOT_FOUND",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type": "about:blank", "title": "Not Found", "status": 404, "code": "MESSAGE_NOT_FOUND",
                     "detail": "Message not found"}""")))
    CompletableFuture<ReadMark> read(
            @PathVariable("conversation_id")
                    @Pattern(regexp = SendMessageRequest.UUID, message = SendMessageRequest.NOT_A_UUID)
                    String conversationId,
            @Valid @RequestBody MarkReadRequest request,
            @AuthenticationPrincipal Jwt caller) {
        String conversation = conversationId.toLowerCase(Locale.ROOT);
        String upTo = request.upToMessageId().toLowerCase(Locale.ROOT);
        conversations.membersSeenBy(conversation, caller.getSubject());
        // Microseconds: what PostgreSQL keeps, so the answer equals what the read side shows.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant readAt = mark(new MarkReadCommand(upTo, conversation, caller.getSubject(), now));
        return readYourWrites.readable(upTo).thenApply(readable -> new ReadMark(conversation, upTo, readAt));
    }

    /** When the caller first read up to this message (a mark again keeps the first time). */
    private Instant mark(MarkReadCommand command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new HubException(HubError.MESSAGE_NOT_FOUND);
        }
    }
}
