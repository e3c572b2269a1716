package io.chat4all.query.live;

import java.time.Instant;
import java.util.UUID;

import io.chat4all.query.ProblemExamples;
import io.chat4all.query.QueryAnswers;
import io.chat4all.query.conversation.ConversationQueries.CheckMembership;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * GET /v1/events: the caller's live updates as Server-Sent Events. Everything that can refuse
 * the request (token, id, membership) is decided before the stream opens, so that a refusal is
 * an ordinary problem+json answer; the stream then releases its request thread.
 */
@RestController
@Tag(name = "Live updates")
@SecurityRequirement(name = "bearer")
class EventStreamController {

    static final String EXAMPLE = """
            id: 1-1042
            event: message
            data: {"message_id":"9b2f4c1e-7a3d-4e5f-8a9b-0c1d2e3f4a5b","conversation_id":"3f0c8a5e-1b2d-4c3e-9f4a-5b6c7d8e9f01","from":"6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10","from_username":"alice","to":null,"channels":["whatsapp"],"priority":"normal","payload":{"type":"text","text":"Hi"},"status":"ACCEPTED","created_at":"2026-11-24T10:31:00.123Z","updated_at":"2026-11-24T10:31:00.123Z","deliveries":[],"status_history":[{"status":"ACCEPTED","at":"2026-11-24T10:31:00.123Z"}]}

            id: 1-1043
            event: status
            data: {"message_id":"9b2f4c1e-7a3d-4e5f-8a9b-0c1d2e3f4a5b","status":"IN_TRANSIT", "...": "the whole message view"}

            : keep-alive

            """;

    private final QueryGateway queries;
    private final LiveStreams streams;

    EventStreamController(QueryGateway queries, LiveStreams streams) {
        this.queries = queries;
        this.streams = streams;
    }

    @GetMapping("/v1/events")
    @Operation(summary = "Live updates (Server-Sent Events)", description = """
            A `text/event-stream` of the caller's changes, read with `fetch` (the bearer token goes in the \
            `Authorization` header). `conversation_id` narrows it to one conversation (members only).

            Events, each with an `id:` line and the view as JSON in `data:`:
            - `conversation`: the conversation view (as GET /v1/conversations/{id}), to every member, when it is created;
            - `message`: the message view (as GET /v1/messages/{id}), to every member, when a message is accepted;
            - `status`: the message view after a change of its status or deliveries, to its sender. \
            Changes of one message that come together may be coalesced into one event carrying the latest view.

            The `id` (`<epoch>-<position>`) stays valid across restarts and instances for at least 24 h. Reconnect \
            with `Last-Event-ID: <id>`: first, for each item that changed after it and concerns you, its current view \
            once, then the live events; none is skipped. An id the hub cannot resume from (unreadable, older than 24 h, \
            or from before a rebuild of the read model) gets `event: reset` with an empty `data:` line and no id: \
            reload your views; the stream then goes on live. A comment line `: keep-alive` comes at least every 15 s. \
            The stream ends when the token expires (reconnecting with it is 401). At most 5 open streams per user: \
            a sixth closes the oldest. A client that does not read its events fast enough (256 waiting) is disconnected.

            Errors before the stream opens are `application/problem+json` whatever the `Accept` header.""")
    @ApiResponse(
            responseCode = "200",
            description = "The event stream",
            content =
                    @Content(
                            mediaType = "text/event-stream",
                            schema = @Schema(type = "string", description = "Server-Sent Events"),
                            examples = @ExampleObject(EXAMPLE)))
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED: conversation_id is not a UUID",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.BAD_CONVERSATION_PARAMETER)))
    @ApiResponse(
            responseCode = "403",
            description = "ACCESS_DENIED: the caller is not a member of conversation_id",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.ACCESS_DENIED)))
    @ApiResponse(
            responseCode = "404",
            description = "CONVERSATION_NOT_FOUND: no conversation conversation_id",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.CONVERSATION_NOT_FOUND)))
    SseEmitter events(
            @Parameter(description = "Only the changes of this conversation (members only)")
                    @RequestParam(name = "conversation_id", required = false)
                    UUID conversationId,
            @Parameter(description = "The id of the last event received, to resume after it")
                    @RequestHeader(name = "Last-Event-ID", required = false)
                    String lastEventId,
            @AuthenticationPrincipal Jwt caller) {
        if (conversationId != null) {
            QueryAnswers.ask(
                    queries, new CheckMembership(conversationId.toString(), caller.getSubject()), Boolean.class);
        }
        Instant expires = caller.getExpiresAt() == null ? Instant.now().plusSeconds(3600) : caller.getExpiresAt();
        return streams.open(UUID.fromString(caller.getSubject()), conversationId, lastEventId, expires);
    }
}
