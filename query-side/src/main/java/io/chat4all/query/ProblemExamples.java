package io.chat4all.query;

/** Example error documents of the read endpoints, for their OpenAPI description (API.md's error model). */
public final class ProblemExamples {

    public static final String PROBLEM_JSON = "application/problem+json";

    public static final String BAD_PAGE = """
            {"type": "about:blank", "title": "Bad Request", "status": 400, "code": "VALIDATION_FAILED",
             "detail": "Request validation failed", "errors": [{"field": "limit", "message": "must be between 1 and 200"}]}""";

    public static final String BAD_ID = """
            {"type": "about:blank", "title": "Bad Request", "status": 400, "code": "VALIDATION_FAILED",
             "detail": "Request validation failed", "errors": [{"field": "conversationId", "message": "has the wrong format"}]}""";

    public static final String BAD_CONVERSATION_PARAMETER = """
            {"type": "about:blank", "title": "Bad Request", "status": 400, "code": "VALIDATION_FAILED",
             "detail": "Request validation failed", "errors": [{"field": "conversation_id", "message": "has the wrong format"}]}""";

    public static final String ACCESS_DENIED = """
            {"type": "about:blank", "title": "Forbidden", "status": 403, "code": "ACCESS_DENIED", "detail": "Access denied"}""";

    public static final String CONVERSATION_NOT_FOUND = """
            {"type": "about:blank", "title": "Not Found", "status": 404, "code": "CONVERSATION_NOT_FOUND",
             "detail": "Conversation not found"}""";

    public static final String MESSAGE_NOT_FOUND = """
            {"type": "about:blank", "title": "Not Found", "status": 404, "code": "MESSAGE_NOT_FOUND",
             "detail": "Message not found"}""";

    private ProblemExamples() {}
}
