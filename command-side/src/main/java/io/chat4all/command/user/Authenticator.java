package io.chat4all.command.user;

import java.time.Instant;
import java.util.Optional;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/** Checks a username and password and issues the signed access token. */
@Service
class Authenticator {

    static final String ISSUER = "chat4all";
    static final String USERNAME_CLAIM = "username";
    /** The width of {@code users.username}. */
    static final int MAX_USERNAME = 64;

    private final UserDirectory users;
    private final JwtEncoder encoder;
    private final AuthSettings settings;
    private final BCryptPasswordEncoder bcrypt;
    /** Checked when the user is unknown, so that an unknown name costs as much time as a wrong password. */
    private final String decoyHash;

    Authenticator(UserDirectory users, JwtEncoder encoder, AuthSettings settings) {
        this.users = users;
        this.encoder = encoder;
        this.settings = settings;
        this.bcrypt = new BCryptPasswordEncoder(settings.bcryptCost());
        this.decoyHash = bcrypt.encode("decoy-" + System.nanoTime());
    }

    record IssuedToken(String accessToken, long expiresIn, String userId, String username) {}

    IssuedToken login(String username, String password) {
        // No user has control characters in its name (and PostgreSQL refuses NUL): unknown, like any other.
        Optional<UserAccount> account =
                username.chars().anyMatch(Character::isISOControl) || username.length() > MAX_USERNAME
                        ? Optional.empty()
                        : users.byUsername(username);
        boolean matches =
                bcrypt.matches(password, account.map(UserAccount::passwordHash).orElse(decoyHash));
        if (account.isEmpty() || !matches || !account.get().isActive()) {
            throw new HubException(HubError.INVALID_CREDENTIALS);
        }
        UserAccount user = account.get();
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(user.userId())
                .claim(USERNAME_CLAIM, user.username())
                .issuedAt(now)
                .expiresAt(now.plus(settings.tokenTtl()))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new IssuedToken(token, settings.tokenTtl().toSeconds(), user.userId(), user.username());
    }
}
