package io.chat4all.command.validation;

import java.sql.SQLException;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Recognises a unique-key violation however deep Axon and Spring have wrapped it: that is how
 * two concurrent requests for the same unique thing (a private pair, a message id) meet.
 */
public final class DuplicateKeys {

    /** PostgreSQL's SQLSTATE for unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    private DuplicateKeys() {}

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataIntegrityViolationException
                    || t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                    || t.getClass().getSimpleName().equals("ConstraintViolationException")
                    || t.getClass().getSimpleName().equals("AggregateStreamCreationException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
