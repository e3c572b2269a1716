package io.chat4all.hub.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.chat4all.command.limits.TooManyRequests;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where failures become HTTP answers: API.md's codes, never a 500 for bad input,
 * never a stack trace, class name or SQL in the body.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** Seconds a client should wait before retrying after a 503. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(HubException.class)
    ResponseEntity<ProblemDetail> refused(HubException e) {
        if (e.error() == HubError.SERVICE_UNAVAILABLE) {
            return serviceUnavailable();
        }
        if (e.error() == HubError.TOO_MANY_REQUESTS && e.properties().get(TooManyRequests.RETRY_AFTER) != null) {
            ProblemDetail problem = ApiProblems.of(e);
            return ResponseEntity.status(problem.getStatus())
                    .header(
                            HttpHeaders.RETRY_AFTER,
                            String.valueOf(e.properties().get(TooManyRequests.RETRY_AFTER)))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return answer(ApiProblems.of(e));
    }

    /** A live stream's client went away (or its response broke): there is no one to answer, and nothing to log. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("A streaming client went away: {}", e.getMessage());
    }

    /** A body over the JSON limit, found while reading it (chunked transfer: no Content-Length to check first). */
    @ExceptionHandler(JsonBodyLimit.BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(JsonBodyLimit.BodyTooLargeException e) {
        return answer(ApiProblems.of(HubError.PAYLOAD_TOO_LARGE, e.getMessage()));
    }

    /** The answer is problem+json whatever the Accept header asked for: the content type is set, not negotiated. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return answer(ApiProblems.of(HubError.NOT_ACCEPTABLE));
    }

    /** A blank or whitespace path id converts to no UUID at all: still a bad value of that parameter. */
    @ExceptionHandler(MissingPathVariableException.class)
    ResponseEntity<ProblemDetail> blankPathVariable(MissingPathVariableException e) {
        return validationFailed(
                List.of(new HubException.FieldError(JsonFieldNames.snakeCase(e.getVariableName()), "must be a UUID")));
    }

    /** A multipart chunk above the container's limit (a little over the largest chunk size). */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> chunkTooLarge(MaxUploadSizeExceededException e) {
        return answer(ApiProblems.of(
                new HubException(HubError.INVALID_CHUNK, "The chunk is larger than the largest chunk size")));
    }

    /** A multipart body that cannot be parsed. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> brokenMultipart(MultipartException e) {
        return validationFailed(
                List.of(new HubException.FieldError("file", "is not a readable multipart/form-data part")));
    }

    /** Axon wraps exceptions of handlers that ran elsewhere; ours travel as the cause or the details. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e, HttpServletRequest request) {
        if (e.getCause() instanceof HubException hub) {
            return refused(hub);
        }
        return unexpected(e, request);
    }

    /** Bean Validation on a request body: every offending field at once. */
    @ExceptionHandler(BindException.class)
    ResponseEntity<ProblemDetail> invalidBody(BindException e) {
        List<HubException.FieldError> errors = new ArrayList<>();
        e.getFieldErrors()
                .forEach(f -> errors.add(
                        new HubException.FieldError(JsonFieldNames.snakeCase(f.getField()), f.getDefaultMessage())));
        errors.sort(Comparator.comparing(HubException.FieldError::field));
        return validationFailed(errors);
    }

    /**
     * Constraints on parameters (a path id, a query parameter), with any {@code @Valid} body of the
     * same call: one answer names them all, a body's by its fields.
     */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e) {
        List<HubException.FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> {
            if (r instanceof ParameterErrors body) {
                body.getFieldErrors()
                        .forEach(f -> errors.add(new HubException.FieldError(
                                JsonFieldNames.snakeCase(f.getField()), f.getDefaultMessage())));
            } else {
                r.getResolvableErrors()
                        .forEach(err -> errors.add(new HubException.FieldError(
                                JsonFieldNames.snakeCase(r.getMethodParameter().getParameterName()),
                                err.getDefaultMessage())));
            }
        });
        errors.sort(Comparator.comparing(HubException.FieldError::field));
        return validationFailed(errors);
    }

    /** Unreadable body: broken JSON, or a value of the wrong type (no silent coercion). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JsonBodyLimit.BodyTooLargeException tooLarge) {
                return bodyTooLarge(tooLarge); // Jackson wraps what the stream threw with the field it was reading
            }
        }
        if (e.getCause() instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = JsonFieldNames.path(mismatch.getPath());
            String message = mismatch instanceof InvalidFormatException invalid
                            && invalid.getTargetType().isEnum()
                    ? "must be one of " + JsonFieldNames.enumValues(invalid.getTargetType())
                    : "has the wrong type";
            return validationFailed(List.of(new HubException.FieldError(field, message)));
        }
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            return validationFailed(
                    List.of(new HubException.FieldError(JsonFieldNames.path(mapping.getPath()), "is invalid")));
        }
        return answer(ApiProblems.of(HubError.MALFORMED_JSON));
    }

    /**
     * Jackson cannot bind a body it parsed, e.g. {@code size} and its alias {@code file_size} both given:
     * the request's fault, named by its field. (Writing an answer is another matter: that stays a 500.)
     */
    @ExceptionHandler(HttpMessageConversionException.class)
    ResponseEntity<ProblemDetail> unbindable(HttpMessageConversionException e, HttpServletRequest request) {
        if (!(e instanceof HttpMessageNotWritableException)
                && e.getCause() instanceof InvalidDefinitionException definition
                && !definition.getPath().isEmpty()) {
            return validationFailed(List.of(new HubException.FieldError(
                    JsonFieldNames.path(definition.getPath()), "is invalid here (given twice, or under two names?)")));
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return validationFailed(
                List.of(new HubException.FieldError(JsonFieldNames.snakeCase(e.getName()), "has the wrong format")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return validationFailed(List.of(new HubException.FieldError(e.getParameterName(), "must not be null")));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e) {
        return answer(ApiProblems.of(HubError.NOT_FOUND));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return answer(ApiProblems.of(HubError.METHOD_NOT_ALLOWED));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> wrongMediaType(HttpMediaTypeNotSupportedException e) {
        return answer(ApiProblems.of(HubError.UNSUPPORTED_MEDIA_TYPE));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblems.of(HubError.UNAUTHENTICATED));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return answer(ApiProblems.of(HubError.ACCESS_DENIED));
    }

    /** PostgreSQL (or a store behind it) is unreachable: the client should retry later. */
    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        QueryTimeoutException.class,
        TransientDataAccessException.class
    })
    ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.warn("Answering 503: {}", e.toString());
        return serviceUnavailable();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (causedByUnavailableStore(e)) {
            log.warn("Answering 503: {}", e.toString());
            return serviceUnavailable();
        }
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            // Any other refusal Spring MVC decided (a missing header, a bad part): its status, our document.
            return answer(
                    ApiProblems.of(ApiProblems.forStatus(refusal.getStatusCode().value())));
        }
        if (e instanceof IllegalArgumentException && hasWildcardContentType(request)) {
            // Spring refuses to even read the headers of a request whose Content-Type is */* or text/*.
            return answer(ApiProblems.of(HubError.UNSUPPORTED_MEDIA_TYPE));
        }
        if (causedByBadValue(e)) {
            // A value PostgreSQL cannot store (NUL, too long for its column) that no check caught: still the client's.
            log.warn("Answering 400 for a value the database refused: {}", e.toString());
            return answer(ApiProblems.of(HubError.VALIDATION_FAILED));
        }
        log.error("Unexpected failure answering a request", e);
        return answer(ApiProblems.of(HubError.INTERNAL_ERROR));
    }

    /**
     * PostgreSQL or its connection pool unreachable, however deeply Axon, Hibernate and Spring
     * wrapped it: a connection that cannot be had, or one that died under the request (SQLState
     * class 08, connection exception; 57P01..03, the server shutting down or starting; HikariCP's
     * proxy of a connection it has evicted as broken, which says "Connection is closed" without a state).
     */
    private static boolean causedByUnavailableStore(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql
                    && (sql.getSQLState() != null
                            ? sql.getSQLState().startsWith("08")
                                    || sql.getSQLState().startsWith("57P")
                            : "Connection is closed".equals(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasWildcardContentType(HttpServletRequest request) {
        try {
            String type = request.getContentType();
            return type != null && MediaType.parseMediaType(type).isWildcardType();
        } catch (RuntimeException unparseable) {
            return false;
        }
    }

    /** SQLSTATE class 22, "data exception": the value itself is wrong (bad encoding, too long, out of range). */
    private static boolean causedByBadValue(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    static ResponseEntity<ProblemDetail> serviceUnavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblems.of(HubError.SERVICE_UNAVAILABLE));
    }

    private static ResponseEntity<ProblemDetail> validationFailed(List<HubException.FieldError> errors) {
        return answer(ApiProblems.of(
                new HubException(HubError.VALIDATION_FAILED, HubError.VALIDATION_FAILED.detail(), errors, Map.of())));
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
