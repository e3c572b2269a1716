package io.chat4all.events;

/**
 * Every error the hub answers with: the stable machine code of API.md, its HTTP status and its
 * default human detail. Raised as a {@link HubException} anywhere; turned into
 * {@code application/problem+json} in one place at the HTTP edge.
 */
public enum HubError {
    VALIDATION_FAILED(400, "Request validation failed"),
    MALFORMED_JSON(400, "Malformed JSON request body"),
    INVALID_MEMBER_COUNT(400, "Invalid number of members for this conversation type"),
    TOO_MANY_MEMBERS(400, "A group conversation has at most 100 members"),
    UNKNOWN_MEMBERS(400, "Some members are not known users"),
    INVALID_CHUNK(400, "Invalid chunk"),
    INVALID_CREDENTIALS(401, "Invalid username or password"),
    UNAUTHENTICATED(401, "Authentication required: a valid bearer token is missing"),
    ACCESS_DENIED(403, "Access denied"),
    NOT_FOUND(404, "Resource not found"),
    CONVERSATION_NOT_FOUND(404, "Conversation not found"),
    MESSAGE_NOT_FOUND(404, "Message not found"),
    FILE_NOT_FOUND(404, "File not found"),
    USER_NOT_FOUND(404, "User not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "The requested media type cannot be produced: accept application/json"),
    MESSAGE_ID_CONFLICT(409, "This message_id was already used with a different body"),
    UPLOAD_NOT_OPEN(409, "The upload is not open"),
    UPLOAD_INCOMPLETE(409, "The upload has missing chunks"),
    /** Operators only ({@code POST /actuator/replay}): another process holds a projection's segment. */
    REPLAY_REFUSED(409, "The read model cannot be replayed from this process now"),
    PAYLOAD_TOO_LARGE(413, "Files are limited to 2 GiB (2147483648 bytes)"),
    URI_TOO_LONG(414, "The request line or query string is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    CHECKSUM_MISMATCH(422, "The checksum does not match the stored bytes"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    HEADER_TOO_LARGE(431, "The request headers are too large"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service temporarily unavailable, retry later");

    private final int status;
    private final String detail;

    HubError(int status, String detail) {
        this.status = status;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }
}
