package io.chat4all.hub.messaging;

import static io.chat4all.hub.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * User story 1 (simple text messaging) through HTTP on the real stack: authenticate, create a
 * private conversation, send, see it DELIVERED; and its edge cases (SC-005, SC-009, SC-013).
 */
class TextMessagingTest extends HubIntegrationTest {

    @Autowired
    ApiClient api;

    String alice;
    String bob;
    String carol;
    String aliceId;
    String bobId;
    String carolId;

    @BeforeEach
    void logIn() {
        alice = api.login("alice");
        bob = api.login("bob");
        carol = api.login("carol");
        aliceId = api.userId("alice");
        bobId = api.userId("bob");
        carolId = api.userId("carol");
    }

    @Test
    void sc005_authenticateCreateSendAndSeeItDelivered() {
        String conversationId = privateConversation(alice, aliceId, bobId);
        String messageId = UUID.randomUUID().toString();

        ApiClient.Response sent =
                api.post("/v1/messages", alice, text(messageId, conversationId, aliceId, "Olá, Bob!"));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo(Map.of("status", "accepted", "message_id", messageId));

        Map<String, Object> message = awaitStatus(bob, messageId, "DELIVERED");
        assertThat(message)
                .containsEntry("conversation_id", conversationId)
                .containsEntry("from", aliceId)
                .containsEntry("from_username", "alice")
                .containsEntry("priority", "normal");
        assertThat(message.get("payload")).isEqualTo(Map.of("type", "text", "text", "Olá, Bob!"));
        List<Map<String, Object>> history = list(message.get("status_history"));
        assertThat(history).extracting(h -> h.get("status")).containsExactly("ACCEPTED", "DELIVERED");
        // SC-013: accepted first, delivered afterwards, in the background.
        assertThat(Instant.parse((String) history.get(0).get("at")))
                .isBeforeOrEqualTo(Instant.parse((String) history.get(1).get("at")));

        ApiClient.Response listing = api.get("/v1/conversations/" + conversationId + "/messages", bob);
        assertThat(listing.status()).isEqualTo(200);
        assertThat(list(listing.body().get("messages")))
                .extracting(m -> m.get("message_id"))
                .contains(messageId);
    }

    @Test
    void sc009_theSameMessageTwiceIsStoredOnceAndAnsweredTheSame() {
        String conversationId = privateConversation(alice, aliceId, bobId);
        String messageId = UUID.randomUUID().toString();
        Map<String, Object> body = text(messageId, conversationId, aliceId, "only once");

        ApiClient.Response first = api.post("/v1/messages", alice, body);
        ApiClient.Response second = api.post("/v1/messages", alice, body);
        assertThat(second.status()).isEqualTo(first.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());

        awaitStatus(alice, messageId, "DELIVERED");
        ApiClient.Response listing = api.get("/v1/conversations/" + conversationId + "/messages", alice);
        assertThat(list(listing.body().get("messages")))
                .filteredOn(m -> messageId.equals(m.get("message_id")))
                .hasSize(1);
    }

    @Test
    void concurrentDuplicatesAreStoredOnce() throws Exception {
        String conversationId = privateConversation(alice, aliceId, bobId);
        String messageId = UUID.randomUUID().toString();
        Map<String, Object> body = text(messageId, conversationId, aliceId, "raced");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit((Callable<ApiClient.Response>) () -> api.post("/v1/messages", alice, body)));
            }
            for (Future<ApiClient.Response> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
                assertThat(answer.get().body()).containsEntry("message_id", messageId);
            }
        } finally {
            pool.shutdown();
        }
        awaitStatus(alice, messageId, "DELIVERED");
        ApiClient.Response listing = api.get("/v1/conversations/" + conversationId + "/messages", alice);
        assertThat(list(listing.body().get("messages")))
                .filteredOn(m -> messageId.equals(m.get("message_id")))
                .hasSize(1);
    }

    @Test
    void theSameMessageIdWithAnotherBodyIsAConflict() {
        String conversationId = privateConversation(alice, aliceId, bobId);
        String messageId = UUID.randomUUID().toString();
        assertThat(api.post("/v1/messages", alice, text(messageId, conversationId, aliceId, "first"))
                        .status())
                .isEqualTo(200);

        ApiClient.Response conflict =
                api.post("/v1/messages", alice, text(messageId, conversationId, aliceId, "second"));
        assertProblem(conflict, 409, "MESSAGE_ID_CONFLICT");
    }

    @Test
    void everyMissingFieldIsNamedAtOnce() {
        ApiClient.Response response = api.post("/v1/messages", alice, Map.of("payload", Map.of("type", "text")));
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(list(response.body().get("errors")))
                .extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("message_id", "conversation_id", "from", "payload.text");
    }

    @Test
    void malformedInputIsA400NeverA500() {
        String conversationId = privateConversation(alice, aliceId, bobId);
        Map<String, Object> numberAsText =
                new HashMap<>(text(UUID.randomUUID().toString(), conversationId, aliceId, "x"));
        numberAsText.put("payload", Map.of("type", "text", "text", 1));
        assertProblem(api.post("/v1/messages", alice, numberAsText), 400, "VALIDATION_FAILED");

        assertProblem(
                api.post("/v1/messages", alice, text("not-a-uuid", conversationId, aliceId, "x")),
                400,
                "VALIDATION_FAILED");

        Map<String, Object> badChannel =
                new HashMap<>(text(UUID.randomUUID().toString(), conversationId, aliceId, "x"));
        badChannel.put("channels", List.of("telegram"));
        badChannel.put("priority", "urgent");
        ApiClient.Response channel = api.post("/v1/messages", alice, badChannel);
        assertProblem(channel, 400, "VALIDATION_FAILED");
        assertThat(list(channel.body().get("errors")))
                .extracting(e -> e.get("field"))
                .contains("channels[0]", "priority");

        Map<String, Object> tooLong = text(UUID.randomUUID().toString(), conversationId, aliceId, "x".repeat(4097));
        assertProblem(api.post("/v1/messages", alice, tooLong), 400, "VALIDATION_FAILED");

        ApiClient.Response broken = api.postRaw("/v1/messages", alice, "{\"message_id\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().get("code")).isIn("MALFORMED_JSON", "VALIDATION_FAILED");
        assertThat(broken.rawBody()).doesNotContain("Exception", "at io.", "org.springframework");
    }

    @Test
    void aMessageToAMissingConversationIs404() {
        ApiClient.Response response = api.post(
                "/v1/messages",
                alice,
                text(UUID.randomUUID().toString(), UUID.randomUUID().toString(), aliceId, "anyone?"));
        assertProblem(response, 404, "CONVERSATION_NOT_FOUND");
        assertThat(response.body()).containsEntry("detail", "Conversation not found");
    }

    @Test
    void aNonMemberCanNeitherSendNorRead() {
        String conversationId = privateConversation(alice, aliceId, bobId);
        String messageId = UUID.randomUUID().toString();
        assertThat(api.post("/v1/messages", alice, text(messageId, conversationId, aliceId, "private"))
                        .status())
                .isEqualTo(200);
        awaitStatus(alice, messageId, "DELIVERED");

        assertProblem(
                api.post(
                        "/v1/messages",
                        carol,
                        text(UUID.randomUUID().toString(), conversationId, carolId, "let me in")),
                403,
                "ACCESS_DENIED");
        assertProblem(api.get("/v1/conversations/" + conversationId + "/messages", carol), 403, "ACCESS_DENIED");
        assertProblem(api.get("/v1/messages/" + messageId, carol), 403, "ACCESS_DENIED");
    }

    @Test
    void fromMustBeTheCallerAndToAMember() {
        String conversationId = privateConversation(alice, aliceId, bobId);
        assertProblem(
                api.post("/v1/messages", alice, text(UUID.randomUUID().toString(), conversationId, bobId, "as bob")),
                403,
                "ACCESS_DENIED");

        Map<String, Object> toStranger =
                new HashMap<>(text(UUID.randomUUID().toString(), conversationId, aliceId, "hi"));
        toStranger.put("to", carolId);
        ApiClient.Response response = api.post("/v1/messages", alice, toStranger);
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(list(response.body().get("errors")))
                .extracting(e -> e.get("field"))
                .containsExactly("to");
    }

    @Test
    void aPrivatePairHasOneConversation() {
        ApiClient.Response first =
                api.post("/v1/conversations", bob, Map.of("type", "private", "members", List.of(carolId)));
        assertThat(first.status()).isIn(200, 201);
        ApiClient.Response again =
                api.post("/v1/conversations", carol, Map.of("type", "private", "members", List.of(bobId, carolId)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("conversation_id")).isEqualTo(first.body().get("conversation_id"));
        assertThat(list(again.body().get("members"))).isNotNull();
    }

    @Test
    void withoutATokenNothingIsAccepted() {
        ApiClient.Response response = api.post("/v1/messages", null, Map.of());
        assertProblem(response, 401, "UNAUTHENTICATED");
    }

    /** The private conversation of the pair, created if missing. */
    private String privateConversation(String token, String self, String other) {
        ApiClient.Response response =
                api.post("/v1/conversations", token, Map.of("type", "private", "members", List.of(self, other)));
        assertThat(response.status()).as(response.rawBody()).isIn(200, 201);
        return (String) response.body().get("conversation_id");
    }

    static Map<String, Object> text(String messageId, String conversationId, String from, String text) {
        return Map.of(
                "message_id",
                messageId,
                "conversation_id",
                conversationId,
                "from",
                from,
                "payload",
                Map.of("type", "text", "text", text));
    }

    /** Polls GET /v1/messages/{id} until the status is reached (delivery is asynchronous), for at most 10 s. */
    Map<String, Object> awaitStatus(String token, String messageId, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ApiClient.Response last = null;
        while (System.nanoTime() < deadline) {
            last = api.get("/v1/messages/" + messageId, token);
            if (last.status() == 200 && status.equals(last.body().get("status"))) {
                return last.body();
            }
            sleep(100);
        }
        throw new AssertionError("message " + messageId + " did not reach " + status + "; last answer "
                + (last == null ? "none" : last.status() + " " + last.rawBody()));
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
