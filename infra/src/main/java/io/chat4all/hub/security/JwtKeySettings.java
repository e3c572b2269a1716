package io.chat4all.hub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key that signs and checks tokens comes from.
 *
 * @param jwtSecret base64 of an HS256 secret of at least 32 bytes ({@code CHAT4ALL_JWT_SECRET}); set the same
 *                  value on every instance when the hub is scaled out. Blank: a secret is generated once into
 *                  {@code <chat4all.local.data-dir>/secrets/jwt-hs256.key} and reused, so tokens outlive a restart.
 */
@ConfigurationProperties("chat4all.auth")
public record JwtKeySettings(String jwtSecret) {

    @Override
    public String toString() {
        return "JwtKeySettings[jwtSecret=" + (jwtSecret == null || jwtSecret.isBlank() ? "<generated>" : "<set>") + "]";
    }
}
