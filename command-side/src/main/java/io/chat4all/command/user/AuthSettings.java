package io.chat4all.command.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login and tokens.
 *
 * @param tokenTtl       how long an access token is valid ({@code CHAT4ALL_TOKEN_TTL}); at least 1 hour (FR-003)
 * @param seedDemoUsers  create the demo users of API.md at start if missing; true for the local default,
 *                       false in the {@code prod} profile
 * @param bcryptCost     bcrypt work factor of stored password hashes (at least 10)
 */
@ConfigurationProperties("chat4all.auth")
public record AuthSettings(
        @DefaultValue("3600s") Duration tokenTtl,
        @DefaultValue("true") boolean seedDemoUsers,
        @DefaultValue("10") int bcryptCost) {

    public AuthSettings {
        if (tokenTtl.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException(
                    "chat4all.auth.token-ttl must be at least 3600 s, was " + tokenTtl.toSeconds());
        }
        if (bcryptCost < 10) {
            throw new IllegalArgumentException("chat4all.auth.bcrypt-cost must be at least 10, was " + bcryptCost);
        }
    }
}
