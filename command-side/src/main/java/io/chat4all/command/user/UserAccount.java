package io.chat4all.command.user;

import java.time.Instant;

/** A row of {@code users}. The hash never leaves the command side. */
record UserAccount(String userId, String username, String passwordHash, Instant createdAt, String status) {

    boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
