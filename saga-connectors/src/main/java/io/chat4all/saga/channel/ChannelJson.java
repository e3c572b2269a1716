package io.chat4all.saga.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.springframework.stereotype.Component;

/** The JSON of the channel topics and receipts: snake_case, like the HTTP API. */
@Component
class ChannelJson {

    private final ObjectMapper json;

    ChannelJson(ObjectMapper json) {
        this.json = json.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    /** The value, or null when {@code text} is not JSON of that shape. */
    <T> T readOrNull(String text, Class<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
