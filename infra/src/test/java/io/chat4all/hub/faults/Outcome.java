package io.chat4all.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What became of the accepted messages, read as a client reads it: every conversation's listing,
 * page by page. A message is lost when no listing shows it, duplicated when one shows it twice.
 */
record Outcome(int accepted, int delivered, int failed, int notFinal, int lost, int duplicated, List<String> failures) {

    boolean allDelivered() {
        return delivered == accepted && duplicated == 0;
    }

    /** SC-011 as the fault tests check it: every accepted message DELIVERED, listed once, none FAILED, none lost. */
    void assertEveryMessageDeliveredOnce(String when) {
        assertThat(failures)
                .as("FAILED although every channel is healthy (" + when + ")")
                .isEmpty();
        assertThat(lost).as("accepted but in no listing (" + when + ")").isZero();
        assertThat(duplicated).as("listed more than once (" + when + ")").isZero();
        assertThat(allDelivered()).as(this + " (" + when + ")").isTrue();
    }

    boolean settled() {
        return notFinal == 0 && lost == 0;
    }

    @Override
    public String toString() {
        return String.format(
                "accepted %d, delivered %d, failed %d, not final %d, lost %d, duplicated %d",
                accepted, delivered, failed, notFinal, lost, duplicated);
    }

    /** Reads the listings until every accepted message is final (or {@code within} has passed). */
    static Outcome awaitSettled(
            JsonHttp http,
            Map<String, String> readerTokenByConversation,
            Map<String, MixedLoad.Accepted> accepted,
            Duration within)
            throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        Outcome outcome = read(http, readerTokenByConversation, accepted);
        while (!outcome.settled() && System.nanoTime() < deadline) {
            MixedLoad.pause(500);
            outcome = read(http, readerTokenByConversation, accepted);
        }
        return outcome;
    }

    static Outcome read(
            JsonHttp http, Map<String, String> readerTokenByConversation, Map<String, MixedLoad.Accepted> accepted)
            throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        Map<String, JsonNode> views = new HashMap<>();
        for (Map.Entry<String, String> conversation : readerTokenByConversation.entrySet()) {
            String cursor = null;
            do {
                String path = "/v1/conversations/" + conversation.getKey() + "/messages?limit=200"
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                JsonNode page = http.ok("GET", path, conversation.getValue(), null);
                for (JsonNode message : page.get("messages")) {
                    String id = message.get("message_id").asText();
                    seen.merge(id, 1, Integer::sum);
                    views.put(id, message);
                }
                cursor = page.path("next_cursor").isTextual()
                        ? page.get("next_cursor").asText()
                        : null;
            } while (cursor != null);
        }
        int delivered = 0, failed = 0, notFinal = 0, lost = 0, duplicated = 0;
        List<String> failures = new ArrayList<>();
        for (String id : accepted.keySet()) {
            JsonNode view = views.get(id);
            if (view == null) {
                lost++;
                continue;
            }
            if (seen.get(id) > 1) {
                duplicated++;
            }
            switch (view.get("status").asText()) {
                case "DELIVERED" -> delivered++;
                case "FAILED" -> {
                    failed++;
                    JsonNode history = view.get("status_history");
                    failures.add(id + ": "
                            + history.get(history.size() - 1).path("note").asText());
                }
                default -> notFinal++;
            }
        }
        return new Outcome(accepted.size(), delivered, failed, notFinal, lost, duplicated, failures);
    }
}
