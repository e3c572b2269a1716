package io.chat4all.query.message;

import java.util.UUID;

import io.chat4all.query.ProblemExamples;
import io.chat4all.query.QueryAnswers;
import io.chat4all.query.conversation.ConversationQueries.CheckMembership;
import io.chat4all.query.message.MessageQueries.Direction;
import io.chat4all.query.message.MessageQueries.FindMessage;
import io.chat4all.query.message.MessageQueries.ListMessages;
import io.chat4all.query.message.MessageQueries.MessagePage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Messages")
@SecurityRequirement(name = "bearer")
class MessageQueryController {

    private static final String MESSAGE_EXAMPLE = """
            {"message_id": "5d9b1c0e-8f3a-4e4b-9a61-2f7c3d4e5f60", "conversation_id": "3f0c8a5e-1b2d-4c3e-9f4a-5b6c7d8e9f01",
             "from": "6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10", "from_username": "alice", "to": null, "channels": [],
             "priority": "normal", "payload": {"type": "text", "text": "Olá"}, "status": "DELIVERED",
             "created_at": "2026-11-24T10:31:00.123Z", "updated_at": "2026-11-24T10:31:00.161Z", "deliveries": [],
             "status_history": [{"status": "ACCEPTED", "at": "2026-11-24T10:31:00.123Z"},
                                {"status": "DELIVERED", "at": "2026-11-24T10:31:00.161Z"}],
             "read_by": [{"user_id": "0b8a1e0e-3c55-4f0f-a6a1-4c9f3f5a9e21", "at": "2026-11-24T10:32:04.512Z"}]}""";

    private final QueryGateway queries;

    MessageQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/v1/conversations/{conversationId}/messages")
    @Operation(summary = "List a conversation's messages", description = """
                    Members only (404 CONVERSATION_NOT_FOUND, 403 ACCESS_DENIED). Oldest first, in the order the hub \
                    accepted them; `limit` 1..200 (default 50); pass `next_cursor` back as `cursor` for the next page \
                    (null on the last page). Each message carries its status, status_history and deliveries. \
                    `direction=backward` starts from the newest message and pages toward older ones, each page still \
                    oldest first: how a chat client opens a conversation; its `next_cursor` continues backward and is null \
                    on the page holding the oldest message. A cursor continues only the direction it was made in: a forward \
                    cursor with `direction=backward` (or the other way round) is 400 VALIDATION_FAILED naming `cursor`; \
                    a `direction` other than forward or backward is 400 VALIDATION_FAILED naming `direction`.""")
    @ApiResponse(
            responseCode = "200",
            description = "A page of messages, oldest first",
            content =
                    @Content(
                            schema = @Schema(implementation = MessagePage.class),
                            examples =
                                    @ExampleObject(
                                            "{\"conversation_id\": \"3f0c8a5e-1b2d-4c3e-9f4a-5b6c7d8e9f01\", \"messages\": ["
                                                    + MESSAGE_EXAMPLE + "], \"next_cursor\": null}")))
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED: limit out of 1..200, an unknown "
                    + "direction, a cursor the hub did not make for this direction, or an id that is not a UUID",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.BAD_PAGE)))
    @ApiResponse(
            responseCode = "403",
            description = "ACCESS_DENIED: the caller is not a member",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.ACCESS_DENIED)))
    @ApiResponse(
            responseCode = "404",
            description = "CONVERSATION_NOT_FOUND",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.CONVERSATION_NOT_FOUND)))
    MessagePage list(
            @PathVariable UUID conversationId,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor,
            @Parameter(
                            description =
                                    "`forward` (default): from the oldest message on; `backward`: from the newest "
                                            + "back",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {"forward", "backward"},
                                            defaultValue = "forward"))
                    @RequestParam(defaultValue = "forward")
                    String direction,
            @AuthenticationPrincipal Jwt caller) {
        Direction paging = Direction.of(direction);
        QueryAnswers.ask(queries, new CheckMembership(conversationId.toString(), caller.getSubject()), Boolean.class);
        return QueryAnswers.ask(
                queries, new ListMessages(conversationId.toString(), limit, cursor, paging), MessagePage.class);
    }

    @GetMapping("/v1/messages/{messageId}")
    @Operation(
            summary = "One message",
            description =
                    "The message with its status (ACCEPTED → IN_TRANSIT → DELIVERED or FAILED), status_history and "
                            + "deliveries. Members of its conversation only (403 ACCESS_DENIED); 404 MESSAGE_NOT_FOUND.")
    @ApiResponse(
            responseCode = "200",
            description = "The message",
            content =
                    @Content(
                            schema = @Schema(implementation = MessageView.class),
                            examples = @ExampleObject(MESSAGE_EXAMPLE)))
    @ApiResponse(
            responseCode = "403",
            description = "ACCESS_DENIED: the caller is not a member of its conversation",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.ACCESS_DENIED)))
    @ApiResponse(
            responseCode = "404",
            description = "MESSAGE_NOT_FOUND",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.MESSAGE_NOT_FOUND)))
    MessageView one(@PathVariable UUID messageId, @AuthenticationPrincipal Jwt caller) {
        return QueryAnswers.ask(queries, new FindMessage(messageId.toString(), caller.getSubject()), MessageView.class);
    }
}
