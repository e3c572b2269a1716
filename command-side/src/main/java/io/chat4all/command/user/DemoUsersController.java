package io.chat4all.command.user;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo users for the web client's sign-in page. Without a token (the page lists them before
 * anyone signs in), and empty wherever they are not seeded (the prod profile), so that a production
 * hub never advertises accounts or the shared password.
 */
@RestController
@Tag(name = "Authentication")
class DemoUsersController {

    private final AuthSettings settings;

    DemoUsersController(AuthSettings settings) {
        this.settings = settings;
    }

    @Schema(description = "The demo users this hub seeded (none in production)")
    record DemoAccounts(
            List<String> usernames, @Schema(nullable = true) String password) {}

    @GetMapping("/auth/demo-users")
    @Operation(
            summary = "List the demo users",
            description =
                    "The demo users seeded by the local default and their shared password, for a sign-in page. "
                            + "Needs no token. Empty (and password null) when demo users are not seeded, as in the prod profile.")
    @ApiResponse(
            responseCode = "200",
            description = "The demo users",
            content = @Content(schema = @Schema(implementation = DemoAccounts.class), examples = @ExampleObject("""
            {"usernames": ["alice", "bob", "carol"], "password": "chat4all"}""")))
    DemoAccounts demoUsers() {
        return settings.seedDemoUsers()
                ? new DemoAccounts(DemoUsers.NAMES, DemoUsers.PASSWORD)
                : new DemoAccounts(List.of(), null);
    }
}
