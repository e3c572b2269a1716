package io.chat4all.hub.query;

import static io.chat4all.hub.query.ReadSideCalls.assertProblem;
import static io.chat4all.hub.query.ReadSideCalls.errorFields;
import static io.chat4all.hub.query.ReadSideCalls.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The read endpoints of API.md: the caller's conversations (most recent activity first) and a
 * conversation's messages (oldest first, in acceptance order), both paged by opaque cursors;
 * the exact JSON of the views; limits and cursors the hub did not make are 400s.
 * Uses demo users user081..user089, which no other test touches, so the listings are exact.
 */
class ListingTest extends HubIntegrationTest {

    static final List<String> MESSAGE_FIELDS = List.of(
            "message_id",
            "conversation_id",
            "from",
            "from_username",
            "to",
            "channels",
            "priority",
            "payload",
            "status",
            "created_at",
            "updated_at",
            "deliveries",
            "status_history",
            "read_by");
    static final List<String> CONVERSATION_FIELDS = List.of(
            "conversation_id",
            "type",
            "members",
            "metadata",
            "created_by",
            "created_at",
            "last_activity_at",
            "unread_count",
            "last_message_at");

    @Autowired
    ApiClient api;

    ReadSideCalls calls;

    @BeforeEach
    void calls() {
        calls = new ReadSideCalls(api);
    }

    @Test
    void messagesComeOldestFirstInAcceptanceOrderPageByPage() {
        String a = api.login("user081");
        String aId = api.userId("user081");
        String conversationId = calls.createConversation(a, "private", List.of(api.userId("user082")), Map.of());
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            sent.add(calls.sendText(a, conversationId, aId, "message " + i));
        }
        String path = "/v1/conversations/" + conversationId + "/messages";
        ApiClient.Response all = calls.await(
                path,
                a,
                r -> r.status() == 200 && list(r.body().get("messages")).size() == 7);

        assertThat(all.body())
                .containsOnlyKeys("conversation_id", "messages", "next_cursor")
                .containsEntry("conversation_id", conversationId)
                .containsEntry("next_cursor", null);
        assertThat(list(all.body().get("messages")))
                .extracting(m -> m.get("message_id"))
                .containsExactlyElementsOf(sent);

        List<List<Map<String, Object>>> pages = calls.pages(path, "messages", 3, a);
        assertThat(pages).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(pages.stream()
                        .flatMap(List::stream)
                        .map(m -> m.get("message_id"))
                        .toList())
                .isEqualTo(sent);
        // A last page that is exactly full still says there is nothing after it.
        assertThat(calls.pages(path, "messages", 7, api.login("user082"))).hasSize(1);

        Map<String, Object> first = pages.get(0).get(0);
        assertThat(first)
                .containsOnlyKeys(MESSAGE_FIELDS.toArray(String[]::new))
                .containsEntry("conversation_id", conversationId)
                .containsEntry("from", aId)
                .containsEntry("from_username", "user081")
                .containsEntry("to", null)
                .containsEntry("channels", List.of())
                .containsEntry("priority", "normal")
                .containsEntry("payload", Map.of("type", "text", "text", "message 1"))
                .containsEntry("deliveries", List.of());
        assertThat((String) first.get("created_at")).endsWith("Z");
    }

    @Test
    void backwardPagingStartsAtTheNewestAndEachPageIsOldestFirst() {
        String a = api.login("user081");
        String aId = api.userId("user081");
        // A group is always a new conversation, so the listing holds exactly these messages.
        String conversationId = calls.createConversation(
                a, "group", List.of(api.userId("user082"), api.userId("user083")), Map.of("name", "Backward"));
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(calls.sendText(a, conversationId, aId, "message " + i));
        }
        String path = "/v1/conversations/" + conversationId + "/messages";
        calls.await(
                path,
                a,
                r -> r.status() == 200 && list(r.body().get("messages")).size() == 5);

        ApiClient.Response newest = api.get(path + "?direction=backward&limit=2", a);
        assertThat(newest.status()).as(newest.rawBody()).isEqualTo(200);
        assertThat(newest.body()).containsOnlyKeys("conversation_id", "messages", "next_cursor");
        assertThat(messageIds(newest)).containsExactly(sent.get(3), sent.get(4));
        ApiClient.Response older = api.get(
                path + "?direction=backward&limit=2&cursor=" + newest.body().get("next_cursor"), a);
        assertThat(messageIds(older)).containsExactly(sent.get(1), sent.get(2));
        ApiClient.Response oldest = api.get(
                path + "?direction=backward&limit=2&cursor=" + older.body().get("next_cursor"), a);
        assertThat(messageIds(oldest)).containsExactly(sent.get(0));
        assertThat(oldest.body()).containsEntry("next_cursor", null);
        // The page holding the oldest message is the last, also when it is exactly full.
        assertThat(api.get(path + "?direction=backward&limit=5", a).body()).containsEntry("next_cursor", null);
        assertThat(messageIds(api.get(path + "?direction=backward&limit=200", a)))
                .isEqualTo(sent);

        // Forward is the default and unchanged.
        assertThat(calls.pages(path, "messages", 2, a)).extracting(List::size).containsExactly(2, 2, 1);
        ApiClient.Response forward = api.get(path + "?direction=forward&limit=2", a);
        assertThat(messageIds(forward)).containsExactly(sent.get(0), sent.get(1));

        // A cursor continues only the direction it was made in.
        ApiClient.Response forwardCursorBackward =
                api.get(path + "?direction=backward&cursor=" + forward.body().get("next_cursor"), a);
        assertProblem(forwardCursorBackward, 400, "VALIDATION_FAILED");
        assertThat(errorFields(forwardCursorBackward)).containsExactly("cursor");
        ApiClient.Response backwardCursorForward =
                api.get(path + "?cursor=" + newest.body().get("next_cursor"), a);
        assertProblem(backwardCursorForward, 400, "VALIDATION_FAILED");
        assertThat(errorFields(backwardCursorForward)).containsExactly("cursor");

        for (String direction : List.of("sideways", "BACKWARD", "back")) {
            ApiClient.Response response = api.get(path + "?direction=" + direction, a);
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(errorFields(response)).as(direction).containsExactly("direction");
        }
        // Only members page, whichever the direction.
        assertProblem(api.get(path + "?direction=backward", api.login("user089")), 403, "ACCESS_DENIED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void conversationsComeMostRecentActivityFirstPageByPage() {
        String c = api.login("user083");
        String cId = api.userId("user083");
        String d = api.userId("user084");
        String e = api.userId("user085");
        String withD = calls.createConversation(c, "private", List.of(d), Map.of());
        String withE = calls.createConversation(c, "private", List.of(e), Map.of());
        String group =
                calls.createConversation(c, "group", List.of(d, e, api.userId("user086")), Map.of("name", "Read side"));
        calls.await(
                "/v1/conversations", c, r -> list(r.body().get("conversations")).size() == 3);

        // Nothing said yet: the newest conversation first.
        assertThat(ids(calls.pages("/v1/conversations", "conversations", 100, c)))
                .containsExactly(group, withE, withD);

        String messageId = calls.sendText(c, withD, cId, "back to the oldest one");
        ApiClient.Response moved = calls.await(
                "/v1/conversations?limit=1",
                c,
                r -> withD.equals(list(r.body().get("conversations")).get(0).get("conversation_id")));
        Map<String, Object> top = list(moved.body().get("conversations")).get(0);
        Map<String, Object> message = calls.await("/v1/messages/" + messageId, c, r -> r.status() == 200)
                .body();
        assertThat(top.get("last_activity_at")).isEqualTo(message.get("created_at"));
        assertThat(moved.body().get("next_cursor")).isNotNull();

        List<List<Map<String, Object>>> pages = calls.pages("/v1/conversations", "conversations", 1, c);
        assertThat(pages).extracting(List::size).containsExactly(1, 1, 1);
        assertThat(ids(pages)).containsExactly(withD, group, withE);

        Map<String, Object> groupView = pages.get(1).get(0);
        assertThat(groupView)
                .containsOnlyKeys(CONVERSATION_FIELDS.toArray(String[]::new))
                .containsEntry("type", "group")
                .containsEntry("metadata", Map.of("name", "Read side"))
                .containsEntry("created_by", cId)
                .containsEntry("last_activity_at", groupView.get("created_at"));
        assertThat((List<Object>) groupView.get("members")).containsExactlyInAnyOrder(d, e, api.userId("user086"), cId);
        assertThat(api.get("/v1/conversations/" + group, c).body()).isEqualTo(groupView);

        // A member of the group only sees the group.
        String f = api.login("user086");
        assertThat(ids(calls.pages("/v1/conversations", "conversations", 20, f)))
                .containsExactly(group);
        ApiClient.Response none = api.get("/v1/conversations", api.login("user089"));
        assertThat(none.body())
                .containsOnlyKeys("conversations", "next_cursor")
                .containsEntry("conversations", List.of())
                .containsEntry("next_cursor", null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedMessageKeepsItsStatusAndSaysWhyInItsHistory() {
        String a = api.login("user087");
        String aId = api.userId("user087");
        String conversationId = calls.createConversation(a, "private", List.of(api.userId("user088")), Map.of());
        String fileId = UUID.randomUUID().toString();
        String messageId = calls.sendFile(a, conversationId, aId, fileId);

        Map<String, Object> failed = calls.awaitFinal(a, messageId);
        assertThat(failed).containsEntry("status", "FAILED");
        assertThat((Map<String, Object>) failed.get("payload"))
                .containsEntry("type", "file")
                .containsEntry("file_id", fileId);
        List<Map<String, Object>> history = list(failed.get("status_history"));
        assertThat(history).extracting(h -> h.get("status")).containsExactly("ACCEPTED", "FAILED");
        assertThat(history.get(0)).containsOnlyKeys("status", "at"); // no "note": null is left out
        assertThat((String) history.get(1).get("note")).contains(fileId);
        assertThat(failed.get("updated_at")).isEqualTo(history.get(1).get("at"));
    }

    @Test
    void limitsAndCursorsTheHubDidNotMakeAre400s() {
        String a = api.login("user081");
        String conversationId = calls.createConversation(a, "private", List.of(api.userId("user082")), Map.of());
        String messages = "/v1/conversations/" + conversationId + "/messages";
        calls.await(messages, a, r -> r.status() == 200);

        for (String query : List.of("?limit=0", "?limit=201", "?limit=-5")) {
            ApiClient.Response response = api.get(messages + query, a);
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(errorFields(response)).containsExactly("limit");
        }
        assertProblem(api.get(messages + "?limit=abc", a), 400, "VALIDATION_FAILED");
        assertThat(api.get(messages + "?limit=200", a).status()).isEqualTo(200);
        for (String query : List.of("?limit=0", "?limit=101")) {
            ApiClient.Response response = api.get("/v1/conversations" + query, a);
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(errorFields(response)).containsExactly("limit");
        }
        assertThat(api.get("/v1/conversations?limit=100", a).status()).isEqualTo(200);

        String notBase64 = "@@@@";
        String conversationCursor = base64(Instant.now() + "|" + conversationId);
        for (String path : List.of(
                messages + "?cursor=" + notBase64,
                messages + "?cursor=" + conversationCursor,
                "/v1/conversations?cursor=" + notBase64,
                "/v1/conversations?cursor=" + base64("12"))) {
            ApiClient.Response response = api.get(path, a);
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(errorFields(response)).as(path).containsExactly("cursor");
        }

        assertProblem(api.get("/v1/messages/not-a-uuid", a), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/v1/conversations/not-a-uuid/messages", a), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/v1/messages/" + UUID.randomUUID(), a), 404, "MESSAGE_NOT_FOUND");
        assertProblem(
                api.get("/v1/conversations/" + UUID.randomUUID() + "/messages", a), 404, "CONVERSATION_NOT_FOUND");
        assertProblem(api.get("/v1/conversations", null), 401, "UNAUTHENTICATED");
        assertProblem(api.get(messages, null), 401, "UNAUTHENTICATED");
    }

    private static List<Object> messageIds(ApiClient.Response page) {
        assertThat(page.status()).as(page.rawBody()).isEqualTo(200);
        return list(page.body().get("messages")).stream()
                .map(m -> m.get("message_id"))
                .toList();
    }

    private static List<Object> ids(List<List<Map<String, Object>>> pages) {
        return pages.stream()
                .flatMap(List::stream)
                .map(c -> c.get("conversation_id"))
                .toList();
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
