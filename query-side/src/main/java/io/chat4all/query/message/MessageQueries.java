package io.chat4all.query.message;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.chat4all.events.HubError;
import io.chat4all.events.HubException;

/** The questions the read side answers about messages; the caller's id decides what they may see. */
public final class MessageQueries {

    private MessageQueries() {}

    /** One message; 404 if unknown, 403 if the caller is not a member of its conversation. */
    public record FindMessage(String messageId, String callerId) {}

    /**
     * A page of a conversation's messages, each page oldest first; the caller's membership is
     * checked before. FORWARD pages from the oldest message on, BACKWARD from the newest back.
     */
    public record ListMessages(String conversationId, int limit, String cursor, Direction direction) {}

    /** Which way a listing pages; a cursor continues only the direction it was made for. */
    public enum Direction {
        FORWARD,
        BACKWARD;

        /** The {@code direction} parameter as API.md spells it; anything else is a 400 naming it. */
        public static Direction of(String text) {
            if (text != null) {
                for (Direction direction : values()) {
                    if (direction.name().toLowerCase(Locale.ROOT).equals(text)) {
                        return direction;
                    }
                }
            }
            throw new HubException(
                    HubError.VALIDATION_FAILED,
                    HubError.VALIDATION_FAILED.detail(),
                    List.of(new HubException.FieldError("direction", "must be one of [forward, backward]")),
                    Map.of());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MessagePage(String conversationId, List<MessageView> messages, String nextCursor) {}

    /**
     * The views of these messages, unknown ones left out; no caller: for the live streams, which
     * check membership themselves once per dispatch and not per message.
     */
    public record FindMessagesById(List<String> messageIds) {}

    public record MessageViews(List<MessageView> messages) {}
}
