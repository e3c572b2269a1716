package io.chat4all.hub.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.ProblemAssertions;

/**
 * What the read-side tests do through HTTP, and the waiting they need: projections are
 * tracking processors, so a write shows on the read side a moment after it was accepted.
 */
final class ReadSideCalls {

    private final ApiClient api;

    ReadSideCalls(ApiClient api) {
        this.api = api;
    }

    String createConversation(String token, String type, List<String> members, Map<String, Object> metadata) {
        ApiClient.Response response =
                api.post("/v1/conversations", token, Map.of("type", type, "members", members, "metadata", metadata));
        assertThat(response.status()).as(response.rawBody()).isIn(200, 201);
        return (String) response.body().get("conversation_id");
    }

    String sendText(String token, String conversationId, String from, String text) {
        return send(
                token,
                Map.of(
                        "conversation_id",
                        conversationId,
                        "from",
                        from,
                        "payload",
                        Map.of("type", "text", "text", text)));
    }

    String sendFile(String token, String conversationId, String from, String fileId) {
        return send(
                token,
                Map.of(
                        "conversation_id",
                        conversationId,
                        "from",
                        from,
                        "payload",
                        Map.of("type", "file", "file_id", fileId)));
    }

    private String send(String token, Map<String, Object> body) {
        String messageId = UUID.randomUUID().toString();
        Map<String, Object> withId = new java.util.HashMap<>(body);
        withId.put("message_id", messageId);
        ApiClient.Response response = api.post("/v1/messages", token, withId);
        assertThat(response.status()).as(response.rawBody()).isEqualTo(200);
        return messageId;
    }

    /** Marks the conversation read up to a message, as its member with this token; the answer must be 200. */
    void markRead(String token, String conversationId, String upTo) {
        ApiClient.Response read =
                api.post("/v1/conversations/" + conversationId + "/read", token, Map.of("up_to_message_id", upTo));
        assertThat(read.status()).as(read.rawBody()).isEqualTo(200);
    }

    /** GET path until the answer satisfies the condition, for at most 15 s; the last answer. */
    ApiClient.Response await(String path, String token, Predicate<ApiClient.Response> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        ApiClient.Response last;
        do {
            last = api.get(path, token);
            if (condition.test(last)) {
                return last;
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + path + " never reached the expected state; last answer " + last.status() + " "
                + last.rawBody());
    }

    Map<String, Object> awaitFinal(String token, String messageId) {
        return await(
                        "/v1/messages/" + messageId,
                        token,
                        r -> r.status() == 200
                                && List.of("DELIVERED", "FAILED")
                                        .contains(r.body().get("status")))
                .body();
    }

    /** Every page of a listing, following next_cursor; each page's items under {@code key}. */
    List<List<Map<String, Object>>> pages(String path, String key, int limit, String token) {
        List<List<Map<String, Object>>> pages = new ArrayList<>();
        String cursor = null;
        do {
            String query = path + "?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor);
            ApiClient.Response page = api.get(query, token);
            assertThat(page.status()).as(page.rawBody()).isEqualTo(200);
            pages.add(list(page.body().get(key)));
            cursor = (String) page.body().get("next_cursor");
            assertThat(pages).as("a listing that never ends").hasSizeLessThan(1000);
        } while (cursor != null);
        return pages;
    }

    static void assertProblem(ApiClient.Response response, int status, String code) {
        ProblemAssertions.assertProblem(response, status, code);
    }

    static List<Object> errorFields(ApiClient.Response response) {
        return list(response.body().get("errors")).stream()
                .map(e -> e.get("field"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
