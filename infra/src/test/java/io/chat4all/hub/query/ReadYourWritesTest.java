package io.chat4all.hub.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * API.md, Consistency: every read that starts after a write's 2xx answer reflects the write.
 * Each read here is the very next request after its write, with no wait in between, repeated so
 * that a read model trailing its writes by even a few milliseconds would be caught.
 */
@SuppressWarnings("unchecked")
class ReadYourWritesTest extends HubIntegrationTest {

    private static final int ROUNDS = 10;

    @Autowired
    ApiClient api;

    @Test
    void aCreatedGroupIsAtOnceReadableByItsMembersListedAndRefusedToOthers() {
        List<String> tokens = IntStream.rangeClosed(51, 55)
                .mapToObj(i -> api.login(String.format("user%03d", i)))
                .toList();
        List<String> ids = IntStream.rangeClosed(51, 55)
                .mapToObj(i -> api.userId(String.format("user%03d", i)))
                .toList();
        for (int round = 0; round < ROUNDS; round++) {
            ApiClient.Response created = api.post(
                    "/v1/conversations",
                    tokens.get(0),
                    Map.of(
                            "type",
                            "group",
                            "members",
                            ids.subList(1, 4),
                            "metadata",
                            Map.of("name", "round " + round)));
            assertThat(created.status()).as(created.rawBody()).isEqualTo(201);
            String id = (String) created.body().get("conversation_id");

            ApiClient.Response byMember = api.get("/v1/conversations/" + id, tokens.get(2));
            assertThat(byMember.status())
                    .as("a member reads it at once: " + byMember.rawBody())
                    .isEqualTo(200);
            assertThat(byMember.body()).containsEntry("conversation_id", id);
            assertThat(api.get("/v1/conversations/" + id, tokens.get(4)).status())
                    .as("a non-member")
                    .isEqualTo(403);
            List<Map<String, Object>> listed = (List<Map<String, Object>>)
                    api.get("/v1/conversations?limit=100", tokens.get(1)).body().get("conversations");
            assertThat(listed)
                    .extracting(c -> c.get("conversation_id"))
                    .as("listed at once")
                    .contains(id);
        }
    }

    @Test
    void aPrivateConversationIsAtOnceReadableWhetherCreatedOrFound() {
        String alice = api.login("user056");
        String bobId = api.userId("user057");
        ApiClient.Response first =
                api.post("/v1/conversations", alice, Map.of("type", "private", "members", List.of(bobId)));
        assertThat(first.status()).isIn(200, 201);
        String id = (String) first.body().get("conversation_id");
        assertThat(api.get("/v1/conversations/" + id, alice).status()).isEqualTo(200);
        ApiClient.Response again =
                api.post("/v1/conversations", alice, Map.of("type", "private", "members", List.of(bobId)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).containsEntry("conversation_id", id);
        assertThat(api.get("/v1/conversations/" + id, api.login("user057")).status())
                .isEqualTo(200);
    }

    @Test
    void anAcceptedMessageIsAtOnceReadableAndListed() {
        String alice = api.login("user058");
        String aliceId = api.userId("user058");
        String bob = api.login("user059");
        List<String> others = List.of(api.userId("user059"), api.userId("user060"));
        String conversationId =
                (String) api.post("/v1/conversations", alice, Map.of("type", "group", "members", others))
                        .body()
                        .get("conversation_id");
        for (int round = 0; round < ROUNDS; round++) {
            String messageId = UUID.randomUUID().toString();
            List<String> channels = round % 2 == 0 ? List.of() : List.of("all");
            ApiClient.Response sent = api.post(
                    "/v1/messages",
                    alice,
                    Map.of(
                            "message_id",
                            messageId,
                            "conversation_id",
                            conversationId,
                            "from",
                            aliceId,
                            "channels",
                            channels,
                            "payload",
                            Map.of("type", "text", "text", "read me " + round)));
            assertThat(sent.status()).as(sent.rawBody()).isEqualTo(200);

            ApiClient.Response read = api.get("/v1/messages/" + messageId, bob);
            assertThat(read.status()).as("readable at once: " + read.rawBody()).isEqualTo(200);
            assertThat(read.body().get("status")).isIn("ACCEPTED", "IN_TRANSIT", "DELIVERED");
            List<Map<String, Object>> listed = (List<Map<String, Object>>)
                    api.get("/v1/conversations/" + conversationId + "/messages?limit=200", alice)
                            .body()
                            .get("messages");
            assertThat(listed)
                    .extracting(m -> m.get("message_id"))
                    .as("listed at once")
                    .contains(messageId);
        }
    }
}
