package io.chat4all.query.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A message as members read it: what was sent, how its delivery went, and who has read it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageView(
        String messageId,
        String conversationId,
        String from,
        String fromUsername,
        String to,
        List<String> channels,
        String priority,
        Map<String, Object> payload,
        String status,
        Instant createdAt,
        Instant updatedAt,
        List<Delivery> deliveries,
        List<StatusStep> statusHistory,
        List<Read> readBy) {

    /** One channel's delivery to one recipient. */
    public record Delivery(String channel, String recipient, String status, Instant at) {}

    /** A member other than the sender who has read the message, first at {@code at}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Read(String userId, Instant at) {}

    /** One status the message went through, with the reason where there is one (FAILED). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusStep(String status, Instant at, String note) {}
}
