package io.chat4all.hub.query;

import static io.chat4all.hub.query.ReadSideCalls.assertProblem;
import static io.chat4all.hub.query.ReadSideCalls.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * API.md, Read receipts: a member marks a conversation read up to a message; every read right
 * after the answer shows it (read_by, unread_count), with no wait in between. Uses alice and bob
 * in groups of their own, with user097 (third member), user098 (never a member) and user099.
 */
class ReadReceiptsTest extends HubIntegrationTest {

    @Autowired
    ApiClient api;

    @Test
    void aMemberReadsUpToAMessageAndEveryViewShowsItAtOnce() {
        ReadSideCalls calls = new ReadSideCalls(api);
        String alice = api.login("alice");
        String bob = api.login("bob");
        String aliceId = api.userId("alice");
        String bobId = api.userId("bob");
        String third = api.userId("user097");
        String group = calls.createConversation(alice, "group", List.of(bobId, third), Map.of("name", "Read receipts"));
        String a1 = calls.sendText(alice, group, aliceId, "a1");
        String a2 = calls.sendText(alice, group, aliceId, "a2");
        String b1 = calls.sendText(bob, group, bobId, "b1");
        String a3 = calls.sendText(alice, group, aliceId, "a3");
        String b2 = calls.sendText(bob, group, bobId, "b2");
        String a4 = calls.sendText(alice, group, aliceId, "a4");
        assertThat(conversation(group, bob)).containsEntry("unread_count", 4);

        ApiClient.Response read = markRead(bob, group, a3);
        assertThat(read.status()).as(read.rawBody()).isEqualTo(200);
        assertThat(read.body())
                .containsEntry("conversation_id", group)
                .containsEntry("up_to_message_id", a3)
                .containsKey("read_at");
        String readAt = (String) read.body().get("read_at");

        Map<String, Map<String, Object>> messages = messages(group, alice);
        List<Map<String, Object>> byBob = List.of(Map.of("user_id", bobId, "at", readAt));
        for (String id : List.of(a1, a2, a3)) {
            assertThat(messages.get(id).get("read_by"))
                    .as("alice's message up to the mark")
                    .isEqualTo(byBob);
        }
        assertThat(list(messages.get(a4).get("read_by"))).as("after the mark").isEmpty();
        assertThat(list(messages.get(b1).get("read_by")))
                .as("bob's own, never read by bob")
                .isEmpty();
        assertThat(list(messages.get(b2).get("read_by"))).isEmpty();
        assertThat(api.get("/v1/messages/" + a1, bob).body().get("read_by")).isEqualTo(byBob);

        Map<String, Object> forAlice = conversation(group, alice);
        assertThat(forAlice)
                .as("bob's two messages, unread by alice")
                .containsEntry("unread_count", 2)
                .containsEntry("last_message_at", messages.get(a4).get("created_at"));
        assertThat(conversation(group, bob)).as("only a4 left").containsEntry("unread_count", 1);
        assertThat(conversation(group, api.login("user097"))).containsEntry("unread_count", 6);
        assertThat(listed(group, alice))
                .containsEntry("unread_count", 2)
                .containsEntry("last_message_at", messages.get(a4).get("created_at"));
        assertThat(listed(group, bob)).containsEntry("unread_count", 1);

        // Again up to an older message, and up to the same one: nothing already read changes.
        assertThat(markRead(bob, group, a1).status()).isEqualTo(200);
        ApiClient.Response again = markRead(bob, group, a3);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).as("the first read's time").containsEntry("read_at", readAt);
        assertThat(messages(group, alice).get(a1).get("read_by")).isEqualTo(byBob);
        assertThat(conversation(group, bob)).containsEntry("unread_count", 1);

        // alice reads everything: bob's messages show her, hers never do; the status is untouched.
        assertThat(markRead(alice, group, a4).status()).isEqualTo(200);
        Map<String, Map<String, Object>> after = messages(group, bob);
        assertThat(list(after.get(b1).get("read_by")))
                .extracting(r -> r.get("user_id"))
                .containsExactly(aliceId);
        assertThat(list(after.get(b2).get("read_by")))
                .extracting(r -> r.get("user_id"))
                .containsExactly(aliceId);
        assertThat(list(after.get(a4).get("read_by")))
                .as("the sender never appears")
                .isEmpty();
        assertThat(after.get(a1).get("read_by")).isEqualTo(byBob);
        assertThat(conversation(group, alice)).containsEntry("unread_count", 0);
        assertThat(calls.awaitFinal(alice, a1)).containsEntry("status", "DELIVERED");
    }

    @Test
    void aConversationWithoutMessagesHasNoLastMessageAndNothingUnread() {
        String group = new ReadSideCalls(api)
                .createConversation(
                        api.login("alice"), "group", List.of(api.userId("bob"), api.userId("user099")), Map.of());
        Map<String, Object> view = conversation(group, api.login("bob"));
        assertThat(view).containsEntry("unread_count", 0).containsKey("last_message_at");
        assertThat(view.get("last_message_at")).isNull();
    }

    @Test
    void readingIsForMembersAndForThisConversationsMessagesOnly() {
        ReadSideCalls calls = new ReadSideCalls(api);
        String alice = api.login("alice");
        String aliceId = api.userId("alice");
        String group =
                calls.createConversation(alice, "group", List.of(api.userId("bob"), api.userId("user097")), Map.of());
        String other = calls.createConversation(
                alice, "group", List.of(api.userId("user097"), api.userId("user099")), Map.of());
        String mine = calls.sendText(alice, group, aliceId, "here");
        String elsewhere = calls.sendText(alice, other, aliceId, "there");

        assertProblem(markRead(api.login("user098"), group, mine), 403, "ACCESS_DENIED");
        assertProblem(markRead(api.login("bob"), group, UUID.randomUUID().toString()), 404, "MESSAGE_NOT_FOUND");
        assertProblem(markRead(api.login("bob"), group, elsewhere), 404, "MESSAGE_NOT_FOUND");
        assertProblem(markRead(alice, UUID.randomUUID().toString(), mine), 404, "CONVERSATION_NOT_FOUND");

        assertInvalid(
                api.post("/v1/conversations/not-a-uuid/read", alice, Map.of("up_to_message_id", mine)),
                "conversation_id");
        assertInvalid(markRead(alice, group, "12345"), "up_to_message_id");
        assertInvalid(api.post("/v1/conversations/" + group + "/read", alice, Map.of()), "up_to_message_id");
        ApiClient.Response both =
                api.post("/v1/conversations/not-a-uuid/read", alice, Map.of("up_to_message_id", "12345"));
        assertProblem(both, 400, "VALIDATION_FAILED");
        assertThat(list(both.body().get("errors")))
                .as("the path and the body in one answer")
                .extracting(e -> e.get("field"))
                .containsExactly("conversation_id", "up_to_message_id");
        assertThat(list(api.get("/v1/messages/" + elsewhere, alice).body().get("read_by")))
                .as("nothing was read")
                .isEmpty();
    }

    private ApiClient.Response markRead(String token, String conversationId, String upTo) {
        return api.post("/v1/conversations/" + conversationId + "/read", token, Map.of("up_to_message_id", upTo));
    }

    private static void assertInvalid(ApiClient.Response response, String field) {
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(list(response.body().get("errors")))
                .extracting(e -> e.get("field"))
                .containsExactly(field);
    }

    private Map<String, Object> conversation(String id, String token) {
        ApiClient.Response response = api.get("/v1/conversations/" + id, token);
        assertThat(response.status()).as(response.rawBody()).isEqualTo(200);
        return response.body();
    }

    /** The conversation as the caller's listing shows it, looked for page by page. */
    private Map<String, Object> listed(String id, String token) {
        return new ReadSideCalls(api)
                .pages("/v1/conversations", "conversations", 100, token).stream()
                        .flatMap(List::stream)
                        .filter(c -> id.equals(c.get("conversation_id")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("conversation " + id + " not listed"));
    }

    /** The conversation's messages by id, from the listing. */
    private Map<String, Map<String, Object>> messages(String id, String token) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        new ReadSideCalls(api)
                .pages("/v1/conversations/" + id + "/messages", "messages", 200, token).stream()
                        .flatMap(List::stream)
                        .forEach(m -> byId.put((String) m.get("message_id"), m));
        return byId;
    }
}
