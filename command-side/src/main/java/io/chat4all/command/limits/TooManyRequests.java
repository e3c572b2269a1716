package io.chat4all.command.limits;

import java.util.List;
import java.util.Map;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;

/** 429 TOO_MANY_REQUESTS; the HTTP edge turns {@link #RETRY_AFTER} into the {@code Retry-After} header. */
public final class TooManyRequests {

    /** Seconds until the client may try again (a member of the problem document, and the header). */
    public static final String RETRY_AFTER = "retry_after_seconds";

    private TooManyRequests() {}

    static HubException of(String detail, long retryAfterSeconds) {
        return new HubException(HubError.TOO_MANY_REQUESTS, detail, List.of(), Map.of(RETRY_AFTER, retryAfterSeconds));
    }
}
