package io.chat4all.hub.web;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.events.HubError;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's own refusals (a request line, path or header it cannot parse or accept, before any
 * filter or servlet runs) as API.md's problem document instead of Tomcat's HTML page. A request
 * line or header block over {@code server.max-http-request-header-size} becomes 414 or 431,
 * which Tomcat itself answers as a plain 400.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    /** Tomcat's message for a request line plus headers over the limit, in the JVM's locale. */
    private static final String HEADER_TOO_LARGE =
            StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");

    private final ObjectMapper json;

    ProblemErrorReportValve(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return; // not an error, or someone (the hub's /error controller) already answered it
        }
        ProblemDetail problem = problemFor(request, status, throwable);
        try {
            response.setStatus(problem.getStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer already started: nothing more to say
        }
    }

    private static ProblemDetail problemFor(Request request, int status, Throwable throwable) {
        if (status == 400 && throwable != null && HEADER_TOO_LARGE.equals(throwable.getMessage())) {
            // The request line is parsed first: no URI yet means the line itself was too long.
            boolean lineParsed = !request.getCoyoteRequest().requestURI().isNull();
            return ApiProblems.of(lineParsed ? HubError.HEADER_TOO_LARGE : HubError.URI_TOO_LONG);
        }
        if (status == 501 || status == 505) {
            // Tomcat's answer to a method, transfer coding or HTTP version it does not implement: the request's fault.
            return ApiProblems.of(
                    HubError.VALIDATION_FAILED,
                    "The request uses a method, transfer coding or HTTP version this server does not implement");
        }
        HubError error = ApiProblems.forStatus(status);
        if (error == HubError.VALIDATION_FAILED) {
            return ApiProblems.of(error, "The request is not valid HTTP for this server: its method, path or headers");
        }
        return ApiProblems.of(error);
    }
}
