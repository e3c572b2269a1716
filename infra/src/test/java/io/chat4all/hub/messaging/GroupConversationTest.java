package io.chat4all.hub.messaging;

import static io.chat4all.hub.ProblemAssertions.assertProblem;
import static io.chat4all.hub.messaging.TextMessagingTest.list;
import static io.chat4all.hub.messaging.TextMessagingTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** User story 2 (group conversations) through HTTP on the real stack, with SC-007. */
@SuppressWarnings("unchecked")
class GroupConversationTest extends HubIntegrationTest {

    @Autowired
    ApiClient api;

    @Test
    void sc007_aMessageInAGroupOfTenIsDeliveredAndVisibleToEveryMember() {
        List<String> names = IntStream.rangeClosed(11, 20)
                .mapToObj(i -> String.format("user%03d", i))
                .toList();
        List<String> tokens = names.stream().map(api::login).toList();
        List<String> ids = names.stream().map(api::userId).toList();

        ApiClient.Response created = api.post(
                "/v1/conversations",
                tokens.get(0),
                Map.of("type", "group", "members", ids.subList(1, ids.size()), "metadata", Map.of("name", "Ten")));
        assertThat(created.status()).as(created.rawBody()).isEqualTo(201);
        assertThat(created.body())
                .containsEntry("type", "group")
                .containsEntry("created_by", ids.get(0))
                .containsEntry("metadata", Map.of("name", "Ten"));
        assertThat((List<Object>) created.body().get("members")).containsExactlyInAnyOrderElementsOf(ids);
        String conversationId = (String) created.body().get("conversation_id");

        String messageId = UUID.randomUUID().toString();
        assertThat(api.post("/v1/messages", tokens.get(3), text(messageId, conversationId, ids.get(3), "hello, all"))
                        .status())
                .isEqualTo(200);

        for (String token : tokens) {
            Map<String, Object> message = awaitInListing(token, conversationId, messageId);
            assertThat(message).containsEntry("from", ids.get(3)).containsEntry("status", "DELIVERED");
        }
        ApiClient.Response conversation = api.get("/v1/conversations/" + conversationId, tokens.get(9));
        assertThat(conversation.status()).isEqualTo(200);
        assertThat((List<?>) conversation.body().get("members")).hasSize(10);
    }

    @Test
    void aGroupNeedsThreeMembers() {
        String alice = api.login("alice");
        ApiClient.Response response =
                api.post("/v1/conversations", alice, Map.of("type", "group", "members", List.of(api.userId("bob"))));
        assertProblem(response, 400, "INVALID_MEMBER_COUNT");
    }

    @Test
    void aPrivateConversationNeedsExactlyTwoMembers() {
        String alice = api.login("alice");
        ApiClient.Response response = api.post(
                "/v1/conversations",
                alice,
                Map.of("type", "private", "members", List.of(api.userId("bob"), api.userId("carol"))));
        assertProblem(response, 400, "INVALID_MEMBER_COUNT");
    }

    @Test
    void aGroupOfMoreThanOneHundredIsRefusedBeforeAnythingElse() {
        String alice = api.login("alice");
        List<String> strangers = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            strangers.add(UUID.randomUUID().toString()); // unknown users: the size is checked first
        }
        assertProblem(
                api.post("/v1/conversations", alice, Map.of("type", "group", "members", strangers)),
                400,
                "TOO_MANY_MEMBERS");
    }

    @Test
    void unknownMembersAreListed() {
        String alice = api.login("alice");
        String ghost = UUID.randomUUID().toString();
        ApiClient.Response response = api.post(
                "/v1/conversations",
                alice,
                Map.of("type", "group", "members", List.of(api.userId("bob"), api.userId("carol"), ghost)));
        assertProblem(response, 400, "UNKNOWN_MEMBERS");
        assertThat((List<Object>) response.body().get("unknown_members")).containsExactly(ghost);
    }

    @Test
    void aMissingConversationIs404AndAStrangersIs403() {
        String alice = api.login("alice");
        String dave = api.login("dave");
        assertProblem(api.get("/v1/conversations/" + UUID.randomUUID(), alice), 404, "CONVERSATION_NOT_FOUND");
        ApiClient.Response group = api.post(
                "/v1/conversations",
                alice,
                Map.of("type", "group", "members", List.of(api.userId("bob"), api.userId("carol"))));
        String conversationId = (String) group.body().get("conversation_id");
        awaitVisible(alice, conversationId);
        assertProblem(api.get("/v1/conversations/" + conversationId, dave), 403, "ACCESS_DENIED");
        assertProblem(api.get("/v1/conversations/not-a-uuid", alice), 400, "VALIDATION_FAILED");
    }

    private void awaitVisible(String token, String conversationId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline
                && api.get("/v1/conversations/" + conversationId, token).status() != 200) {
            TextMessagingTest.sleep(50);
        }
    }

    /** The message as the listing shows it to this member, once DELIVERED (delivery is asynchronous). */
    private Map<String, Object> awaitInListing(String token, String conversationId, String messageId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Object> found = null;
        while (System.nanoTime() < deadline) {
            ApiClient.Response listing = api.get("/v1/conversations/" + conversationId + "/messages", token);
            if (listing.status() == 200) {
                found = list(listing.body().get("messages")).stream()
                        .filter(m -> messageId.equals(m.get("message_id")))
                        .findFirst()
                        .orElse(null);
                if (found != null && "DELIVERED".equals(found.get("status"))) {
                    return found;
                }
            }
            TextMessagingTest.sleep(100);
        }
        throw new AssertionError("message " + messageId + " not DELIVERED in the listing; last seen " + found);
    }
}
