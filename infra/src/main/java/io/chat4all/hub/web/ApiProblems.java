package io.chat4all.hub.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds the one error document of API.md: {@code type}, {@code title}, {@code status},
 * {@code code}, {@code detail}, and {@code errors} (400 validation only). Used by the
 * controller advice and by the security entry points, filters and the web server's own error
 * report, which answer before (or without) any controller.
 */
public final class ApiProblems {

    private ApiProblems() {}

    public static ProblemDetail of(HubError error) {
        return of(error, error.detail());
    }

    public static ProblemDetail of(HubError error, String detail) {
        return of(new HubException(error, detail));
    }

    public static ProblemDetail of(HubException exception) {
        HubError error = exception.error();
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(error.status()), exception.getMessage());
        problem.setProperty("code", error.name());
        List<HubException.FieldError> fieldErrors = exception.fieldErrors();
        if (!fieldErrors.isEmpty()) {
            problem.setProperty(
                    "errors",
                    fieldErrors.stream()
                            .map(e -> Map.of("field", e.field(), "message", e.message()))
                            .toList());
        }
        exception.properties().forEach(problem::setProperty);
        return problem;
    }

    /** The code of API.md for a bare HTTP status, as the web server or a filter refused a request. */
    public static HubError forStatus(int status) {
        return switch (status) {
            case 401 -> HubError.UNAUTHENTICATED;
            case 403 -> HubError.ACCESS_DENIED;
            case 404 -> HubError.NOT_FOUND;
            case 405 -> HubError.METHOD_NOT_ALLOWED;
            case 406 -> HubError.NOT_ACCEPTABLE;
            case 413 -> HubError.PAYLOAD_TOO_LARGE;
            case 414 -> HubError.URI_TOO_LONG;
            case 415 -> HubError.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> HubError.TOO_MANY_REQUESTS;
            case 431 -> HubError.HEADER_TOO_LARGE;
            case 503 -> HubError.SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? HubError.VALIDATION_FAILED : HubError.INTERNAL_ERROR;
        };
    }

    /** Writes the problem as the whole answer, whatever the request's {@code Accept} header asked for. */
    public static void write(ObjectMapper json, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
