package io.chat4all.hub.security;

import java.time.Instant;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.ConcurrentLruCache;

/**
 * Decodes a token once, not on every request: a client sends the same token with each request
 * until it expires, and checking its signature and parsing its claims again each time was about
 * 5 % of a request's CPU (infra/bench/profile.sh). Only tokens that passed the decoder are kept
 * (a refused one throws and is not cached); each use checks the expiry again, and from then on
 * the decoder itself answers (and refuses it). The hub's tokens cannot be revoked before they
 * expire, so nothing else can make a kept token invalid.
 */
final class CachedJwtDecoder implements JwtDecoder {

    private final JwtDecoder decoder;
    private final ConcurrentLruCache<String, Jwt> decoded;

    CachedJwtDecoder(JwtDecoder decoder, int capacity) {
        this.decoder = decoder;
        this.decoded = new ConcurrentLruCache<>(capacity, decoder::decode);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = decoded.get(token);
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null || !Instant.now().isBefore(expiresAt)) {
            decoded.remove(token);
            return decoder.decode(token);
        }
        return jwt;
    }
}
