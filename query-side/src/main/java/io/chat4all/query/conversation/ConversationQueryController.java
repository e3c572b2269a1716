package io.chat4all.query.conversation;

import java.util.UUID;

import io.chat4all.query.ProblemExamples;
import io.chat4all.query.QueryAnswers;
import io.chat4all.query.conversation.ConversationQueries.ConversationPage;
import io.chat4all.query.conversation.ConversationQueries.FindConversation;
import io.chat4all.query.conversation.ConversationQueries.ListConversations;
import io.swagger.v3.oas.annotations.Operation;
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
@Tag(name = "Conversations")
@SecurityRequirement(name = "bearer")
class ConversationQueryController {

    private final QueryGateway queries;

    ConversationQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/v1/conversations")
    @Operation(
            summary = "List my conversations",
            description = "The caller's conversations, most recent activity first. `limit` 1..100 (default 20); pass "
                    + "`next_cursor` back as `cursor` for the next page (null on the last page).")
    @ApiResponse(
            responseCode = "200",
            description = "A page of conversations",
            content =
                    @Content(schema = @Schema(implementation = ConversationPage.class), examples = @ExampleObject("""
            {"conversations": [{"conversation_id": "3f0c8a5e-1b2d-4c3e-9f4a-5b6c7d8e9f01", "type": "group",
              "members": ["6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10", "0b8a1e0e-3c55-4f0f-a6a1-4c9f3f5a9e21", "1c2d3e4f-0000-4000-8000-000000000003"],
              "metadata": {"name": "Project X"}, "created_by": "6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10",
              "created_at": "2026-11-24T10:31:00.123Z", "last_activity_at": "2026-11-24T10:35:12.001Z",
              "unread_count": 2, "last_message_at": "2026-11-24T10:35:12.001Z"}],
             "next_cursor": null}""")))
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED: limit out of 1..100, or a cursor the hub did not make",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.BAD_PAGE)))
    ConversationPage list(
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal Jwt caller) {
        return QueryAnswers.ask(
                queries, new ListConversations(caller.getSubject(), limit, cursor), ConversationPage.class);
    }

    @GetMapping("/v1/conversations/{conversationId}")
    @Operation(
            summary = "One conversation",
            description = "Members only: 404 CONVERSATION_NOT_FOUND, 403 ACCESS_DENIED.")
    @ApiResponse(
            responseCode = "404",
            description = "CONVERSATION_NOT_FOUND",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.CONVERSATION_NOT_FOUND)))
    @ApiResponse(
            responseCode = "200",
            description = "The conversation",
            content =
                    @Content(schema = @Schema(implementation = ConversationView.class), examples = @ExampleObject("""
            {"conversation_id": "3f0c8a5e-1b2d-4c3e-9f4a-5b6c7d8e9f01", "type": "private",
             "members": ["6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10", "0b8a1e0e-3c55-4f0f-a6a1-4c9f3f5a9e21"], "metadata": {},
             "created_by": "6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10", "created_at": "2026-11-24T10:31:00.123Z",
             "last_activity_at": "2026-11-24T10:35:12.001Z", "unread_count": 0, "last_message_at": "2026-11-24T10:35:12.001Z"}""")))
    @ApiResponse(
            responseCode = "403",
            description = "ACCESS_DENIED: the caller is not a member",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.ACCESS_DENIED)))
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED: the id is not a UUID",
            content =
                    @Content(
                            mediaType = ProblemExamples.PROBLEM_JSON,
                            examples = @ExampleObject(ProblemExamples.BAD_ID)))
    ConversationView one(@PathVariable UUID conversationId, @AuthenticationPrincipal Jwt caller) {
        return QueryAnswers.ask(
                queries, new FindConversation(conversationId.toString(), caller.getSubject()), ConversationView.class);
    }
}
