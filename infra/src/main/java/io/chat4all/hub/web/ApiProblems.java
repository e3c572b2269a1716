package io.chat4all.hub.web;

import java.util.List;
import java.util.Map;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds the one error document of API.md: {@code type}, {@code title}, {@code status},
 * {@code code}, {@code detail}, and {@code errors} (400 validation only). Used by the
 * controller advice and by the security entry points, which answer before any controller.
 */
public final class ApiProblems {

    private ApiProblems() {
    }

    public static ProblemDetail of(HubError error) {
        return of(error, error.detail());
    }

    public static ProblemDetail of(HubError error, String detail) {
        return of(new HubException(error, detail));
    }

    public static ProblemDetail of(HubException exception) {
        HubError error = exception.error();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(error.status()), exception.getMessage());
        problem.setProperty("code", error.name());
        List<HubException.FieldError> fieldErrors = exception.fieldErrors();
        if (!fieldErrors.isEmpty()) {
            problem.setProperty("errors", fieldErrors.stream()
                    .map(e -> Map.of("field", e.field(), "message", e.message()))
                    .toList());
        }
        exception.properties().forEach(problem::setProperty);
        return problem;
    }
}
