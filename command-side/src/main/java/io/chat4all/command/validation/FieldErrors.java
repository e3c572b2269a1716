package io.chat4all.command.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;

/**
 * Collects every problem of a request body, so a client learns about all of them in one
 * answer (400 VALIDATION_FAILED with one entry per field), not one per attempt.
 */
public final class FieldErrors {

    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final List<HubException.FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new HubException.FieldError(field, message));
        return this;
    }

    /** Required, and a UUID. */
    public void requireUuid(String field, String value) {
        if (value == null) {
            add(field, "must not be null");
        } else {
            optionalUuid(field, value);
        }
    }

    /** Absent, or a UUID. */
    public void optionalUuid(String field, String value) {
        if (value != null && !isUuid(value)) {
            add(field, "must be a UUID");
        }
    }

    public static boolean isUuid(String value) {
        return value != null && UUID_TEXT.matcher(value).matches();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws 400 VALIDATION_FAILED naming every field collected so far, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new HubException(HubError.VALIDATION_FAILED, HubError.VALIDATION_FAILED.detail(), errors, Map.of());
        }
    }
}
