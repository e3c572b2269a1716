package io.chat4all.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The sign-in page's list: the demo users where they are seeded, nothing (no password either) in production. */
class DemoUsersControllerTest {

    @Test
    void theLocalDefaultListsTheSeededDemoUsersAndTheirPassword() {
        DemoUsersController.DemoAccounts accounts = new DemoUsersController(settings(true)).demoUsers();
        assertThat(accounts.usernames()).hasSize(110).startsWith("alice", "bob").endsWith("user100");
        assertThat(accounts.password()).isEqualTo("chat4all");
    }

    @Test
    void aHubThatSeedsNoDemoUsersAdvertisesNone() {
        DemoUsersController.DemoAccounts accounts = new DemoUsersController(settings(false)).demoUsers();
        assertThat(accounts.usernames()).isEmpty();
        assertThat(accounts.password()).isNull();
    }

    private static AuthSettings settings(boolean seedDemoUsers) {
        return new AuthSettings(Duration.ofHours(1), seedDemoUsers, 10);
    }
}
