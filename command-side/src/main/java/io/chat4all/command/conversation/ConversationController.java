package io.chat4all.command.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.chat4all.command.user.UserDirectory;
import io.chat4all.command.validation.DuplicateKeys;
import io.chat4all.command.validation.FieldErrors;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.ReadYourWrites;
import io.chat4all.events.conversation.ConversationCreatedEvent;
import io.chat4all.events.conversation.ConversationType;
import io.chat4all.events.conversation.CreateConversationCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Conversations")
@SecurityRequirement(name = "bearer")
class ConversationController {

    private static final Logger log = LoggerFactory.getLogger(ConversationController.class);
    private static final String CONVERSATION_EXAMPLE = """
            {"conversation_id": "3f0c8a5e-1b2d-4c3e-9f4a-5b6c7d8e9f01", "type": "private",
             "members": ["6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10", "0b8a1e0e-3c55-4f0f-a6a1-4c9f3f5a9e21"],
             "metadata": {}, "created_by": "6f1c2a52-5d7e-4a51-9d4c-1f6f0b7c2a10", "created_at": "2026-11-24T10:31:00.123Z"}""";

    private final CommandGateway commands;
    private final ConversationLookups lookups;
    private final UserDirectory users;
    private final ReadYourWrites readYourWrites;

    ConversationController(
            CommandGateway commands, ConversationLookups lookups, UserDirectory users, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.lookups = lookups;
        this.users = users;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping("/v1/conversations")
    @Operation(summary = "Create a conversation", description = """
                    Creates a private conversation (exactly 2 distinct members, one per pair: asking again for \
                    the same pair answers 200 with the existing conversation) or a group (3 to 100 members). \
                    The caller is always a member; duplicate ids are ignored. Errors: 400 INVALID_MEMBER_COUNT, \
                    TOO_MANY_MEMBERS (checked first), UNKNOWN_MEMBERS (listed in unknown_members), VALIDATION_FAILED.""")
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            schema = @Schema(implementation = ConversationView.class),
                            examples = @ExampleObject(CONVERSATION_EXAMPLE)))
    @ApiResponse(
            responseCode = "200",
            description = "The private conversation of this pair already exists",
            content =
                    @Content(
                            schema = @Schema(implementation = ConversationView.class),
                            examples = @ExampleObject(CONVERSATION_EXAMPLE)))
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_MEMBER_COUNT, TOO_MANY_MEMBERS, UNKNOWN_MEMBERS or VALIDATION_FAILED",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject("""
                    {"type": "about:blank", "title": "Bad Request", "status": 400, "code": "UNKNOWN_MEMBERS",
                     "detail": "Unknown members: 9d1f0c3a-0000-4000-8000-000000000000",
                     "unknown_members": ["9d1f0c3a-0000-4000-8000-000000000000"]}""")))
    CompletableFuture<ResponseEntity<ConversationView>> create(
            @RequestBody CreateConversationRequest request, @AuthenticationPrincipal Jwt caller) {
        ConversationType type = validType(request);
        List<String> members = membersWithCaller(request.members(), caller.getSubject());
        checkMemberCount(type, members);
        Set<String> unknown = users.unknownUserIds(members);
        if (!unknown.isEmpty()) {
            throw new HubException(
                    HubError.UNKNOWN_MEMBERS,
                    "Unknown members: " + String.join(", ", unknown),
                    List.of(),
                    Map.of("unknown_members", List.copyOf(unknown)));
        }
        Map<String, Object> metadata = request.metadata() == null ? Map.of() : new LinkedHashMap<>(request.metadata());
        if (type == ConversationType.PRIVATE) {
            Optional<ConversationCreatedEvent> existing = lookups.privateConversationOf(members);
            if (existing.isPresent()) {
                return answer(
                        existing.get().conversationId(),
                        HttpStatus.OK,
                        existing.get()); // created a moment ago, perhaps
            }
        }
        CreateConversationCommand command = new CreateConversationCommand(
                UUID.randomUUID().toString(),
                type,
                members,
                metadata,
                caller.getSubject(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            // Another request created this pair's conversation at the same moment: answer with that one.
            Optional<ConversationCreatedEvent> existing = type == ConversationType.PRIVATE && DuplicateKeys.isCause(e)
                    ? lookups.privateConversationOf(members)
                    : Optional.empty();
            ConversationCreatedEvent winner = existing.orElseThrow(() -> e);
            return answer(winner.conversationId(), HttpStatus.OK, winner);
        }
        log.info("Conversation {} created ({}, {} members)", command.conversationId(), type, members.size());
        return answer(
                command.conversationId(),
                HttpStatus.CREATED,
                new ConversationCreatedEvent(
                        command.conversationId(), type, members, metadata, command.createdBy(), command.createdAt()));
    }

    /** The conversation, answered once the read model shows it (API.md, Consistency). */
    private CompletableFuture<ResponseEntity<ConversationView>> answer(
            String conversationId, HttpStatus status, ConversationCreatedEvent conversation) {
        return readYourWrites
                .readable(conversationId)
                .thenApply(readable -> ResponseEntity.status(status).body(ConversationView.of(conversation)));
    }

    private static ConversationType validType(CreateConversationRequest request) {
        FieldErrors errors = new FieldErrors();
        ConversationType type = null;
        if (request.type() == null) {
            errors.add("type", "must not be null");
        } else {
            try {
                type = ConversationType.valueOf(request.type().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("type", "must be one of [private, group]");
            }
        }
        if (request.members() == null) {
            errors.add("members", "must not be null");
        } else {
            for (int i = 0; i < request.members().size(); i++) {
                if (!FieldErrors.isUuid(request.members().get(i))) {
                    errors.add("members[" + i + "]", "must be a user id (UUID)");
                }
            }
        }
        errors.throwIfAny();
        return type;
    }

    /** Distinct, lower-case ids in the order given, the caller appended if absent. */
    private static List<String> membersWithCaller(List<String> requested, String caller) {
        Set<String> members = new LinkedHashSet<>();
        requested.forEach(m -> members.add(m.toLowerCase(Locale.ROOT)));
        members.add(caller);
        return new ArrayList<>(members);
    }

    /** Before any lookup: a group of 500 is refused for its size, whatever its members. */
    private static void checkMemberCount(ConversationType type, List<String> members) {
        if (type == ConversationType.GROUP && members.size() > ConversationType.GROUP_MAX_MEMBERS) {
            throw new HubException(HubError.TOO_MANY_MEMBERS);
        }
        if (type == ConversationType.GROUP && members.size() < ConversationType.GROUP_MIN_MEMBERS) {
            throw new HubException(HubError.INVALID_MEMBER_COUNT, "A group conversation has 3 to 100 members");
        }
        if (type == ConversationType.PRIVATE && members.size() != ConversationType.PRIVATE_MEMBERS) {
            throw new HubException(
                    HubError.INVALID_MEMBER_COUNT, "A private conversation has exactly 2 distinct members");
        }
    }
}
