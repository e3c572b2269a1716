package io.chat4all.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;

/** Opaque page cursors: base64url of a position that only the hub interprets. */
public final class Cursors {

    private Cursors() {}

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position in a cursor a client sent back; a cursor the hub never made is a 400. */
    public static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static HubException invalid() {
        return new HubException(
                HubError.VALIDATION_FAILED,
                HubError.VALIDATION_FAILED.detail(),
                java.util.List.of(new HubException.FieldError("cursor", "is not a cursor of this listing")),
                java.util.Map.of());
    }

    public static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new HubException(
                    HubError.VALIDATION_FAILED,
                    HubError.VALIDATION_FAILED.detail(),
                    java.util.List.of(new HubException.FieldError("limit", "must be between 1 and " + max)),
                    java.util.Map.of());
        }
    }
}
