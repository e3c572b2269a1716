package io.chat4all.events;

import java.util.List;
import java.util.Map;

/**
 * A request the hub refuses, with the {@link HubError} that says why. Aggregates, command-side
 * checks and query handlers throw it; the HTTP edge renders it as a problem document.
 *
 * @see FieldError
 */
public class HubException extends RuntimeException {

    private final HubError error;
    private final List<FieldError> fieldErrors;
    private final Map<String, Object> properties;

    public HubException(HubError error) {
        this(error, error.detail(), List.of(), Map.of());
    }

    public HubException(HubError error, String detail) {
        this(error, detail, List.of(), Map.of());
    }

    /**
     * @param fieldErrors one per offending field (400 validation failures)
     * @param properties  extra members of the problem document, e.g. {@code unknown_members}
     */
    public HubException(HubError error, String detail, List<FieldError> fieldErrors, Map<String, Object> properties) {
        super(detail, null, false, false); // a refusal, not a fault: no stack trace to fill
        this.error = error;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.properties = Map.copyOf(properties);
    }

    public HubError error() {
        return error;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** One offending field of a request: its JSON path ({@code payload.text}) and what is wrong. */
    public record FieldError(String field, String message) {}
}
