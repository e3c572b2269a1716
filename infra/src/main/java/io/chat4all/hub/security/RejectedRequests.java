package io.chat4all.hub.security;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.events.HubError;
import io.chat4all.hub.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests that Spring Security's {@code StrictHttpFirewall} refuses (encoded slashes or dots,
 * {@code ..}, {@code ;}, control characters in the path or a header, an unknown method): a
 * problem document like every other error. The firewall's message names the offending value,
 * so it is not repeated to the client.
 */
final class RejectedRequests implements RequestRejectedHandler {

    /** The methods the firewall lets through (its default); any other is refused for the method. */
    private static final Set<String> ALLOWED_METHODS =
            Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    private final ObjectMapper json;

    RejectedRequests(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (!ALLOWED_METHODS.contains(request.getMethod())) {
            ApiProblems.write(json, response, ApiProblems.of(HubError.METHOD_NOT_ALLOWED));
            return;
        }
        ApiProblems.write(
                json,
                response,
                ApiProblems.of(
                        HubError.VALIDATION_FAILED,
                        "The request path or a header has characters or segments the hub does not accept"));
    }
}
