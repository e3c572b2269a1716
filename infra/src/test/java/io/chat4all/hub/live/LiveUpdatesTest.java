package io.chat4all.hub.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import io.chat4all.hub.SseClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** API.md "Live updates", through HTTP: GET /v1/events as a client reads it (users user021..user030). */
@SuppressWarnings("unchecked")
class LiveUpdatesTest extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> STATUS_ORDER = List.of("ACCEPTED", "IN_TRANSIT", "DELIVERED", "FAILED");

    @Autowired
    ApiClient api;

    @Autowired
    JwtEncoder encoder;

    @LocalServerPort
    int port;

    @Test
    void membersHearOfConversationsAndMessagesAndTheSenderOfEveryStatus() throws Exception {
        SseClient sse = new SseClient(port);
        String sender = api.login("user022");
        try (SseClient.Stream listening = sse.open("", api.login("user021"), null);
                SseClient.Stream sending = sse.open("", sender, null)) {
            assertThat(listening.status).isEqualTo(200);
            assertThat(listening.contentType).startsWith("text/event-stream");

            String conversationId = conversation(sender, "user021", "user022");
            SseClient.Event created = listening.next(e -> "conversation".equals(e.name()), WAIT);
            assertThat(created.data()).containsEntry("conversation_id", conversationId);
            assertThat(created.id()).matches("\\d+-\\d+");
            assertThat(sending.next(e -> "conversation".equals(e.name()), WAIT).data())
                    .containsEntry("conversation_id", conversationId);

            String inApp = send(sender, conversationId, api.userId("user022"), List.of());
            SseClient.Event message = listening.next(e -> "message".equals(e.name()), WAIT);
            assertThat(message.data()).containsEntry("message_id", inApp).containsEntry("from_username", "user022");
            assertThat(statusesUntilFinal(sending, inApp)).last().isEqualTo("DELIVERED");

            String viaChannel = send(sender, conversationId, api.userId("user022"), List.of("whatsapp"));
            assertThat(listening.next(e -> "message".equals(e.name()), WAIT).data())
                    .containsEntry("message_id", viaChannel);
            List<String> statuses = statusesUntilFinal(sending, viaChannel);
            assertThat(statuses).last().isEqualTo("DELIVERED");
            assertThat(statuses)
                    .as("in lifecycle order")
                    .isSortedAccordingTo((a, b) -> Integer.compare(STATUS_ORDER.indexOf(a), STATUS_ORDER.indexOf(b)));
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsEachMissedItemOnceThenLive() throws Exception {
        SseClient sse = new SseClient(port);
        String listener = api.login("user023");
        String sender = api.login("user024");
        String conversationId;
        String lastId;
        try (SseClient.Stream first = sse.open("", listener, null)) {
            conversationId = conversation(sender, "user023", "user024");
            lastId = first.next(e -> "conversation".equals(e.name()), WAIT).id();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            missed.add(send(sender, conversationId, api.userId("user024"), List.of()));
        }
        try (SseClient.Stream again = sse.open("", listener, lastId)) {
            List<String> heard = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SseClient.Event event = again.next(WAIT);
                assertThat(event.name()).isEqualTo("message");
                heard.add((String) event.data().get("message_id"));
            }
            assertThat(heard).containsExactlyElementsOf(missed);
            String live = send(sender, conversationId, api.userId("user024"), List.of());
            SseClient.Event next = again.next(WAIT);
            assertThat(next.name()).isEqualTo("message");
            assertThat(next.data()).containsEntry("message_id", live);
        }
    }

    @Test
    void aResumedConversationShowsEachMembersOwnUnreadCount() throws Exception {
        SseClient sse = new SseClient(port);
        String listener = api.login("user063");
        String sender = api.login("user064");
        String lastId;
        try (SseClient.Stream first = sse.open("", listener, null)) {
            conversation(sender, "user063", "user064");
            lastId = first.next(e -> "conversation".equals(e.name()), WAIT).id();
        }
        String conversationId = conversation(sender, "user063", "user064", "user001");
        send(sender, conversationId, api.userId("user064"), List.of());
        send(sender, conversationId, api.userId("user064"), List.of());
        for (String[] viewer : new String[][] {{listener, "2"}, {sender, "0"}}) {
            try (SseClient.Stream again = sse.open("", viewer[0], lastId)) {
                SseClient.Event created = again.next(e -> "conversation".equals(e.name()), WAIT);
                assertThat(created.data())
                        .containsEntry("conversation_id", conversationId)
                        .containsEntry("unread_count", Integer.parseInt(viewer[1]));
                assertThat(created.data().get("last_message_at")).isNotNull();
            }
        }
    }

    @Test
    void anIdTheHubCannotResumeFromGetsAResetThenLive() throws Exception {
        SseClient sse = new SseClient(port);
        String listener = api.login("user025");
        String conversationId = conversation(api.login("user026"), "user025", "user026");
        for (String unusable : List.of("garbage", "999999-1", "1-999999999999")) {
            try (SseClient.Stream stream = sse.open("", listener, unusable)) {
                assertThat(stream.next(WAIT).name()).as(unusable).isEqualTo("reset");
                String live = send(api.login("user026"), conversationId, api.userId("user026"), List.of());
                assertThat(stream.next(e -> "message".equals(e.name()), WAIT).data())
                        .containsEntry("message_id", live);
            }
        }
    }

    @Test
    void refusalsBeforeTheStreamOpensAreProblemDocuments() throws Exception {
        SseClient sse = new SseClient(port);
        String outsider = api.login("user027");
        String conversationId = conversation(api.login("user025"), "user025", "user026");
        assertRefused(sse.open("", null, null), 401, "UNAUTHENTICATED");
        assertRefused(sse.open("", "not-a-token", null), 401, "UNAUTHENTICATED");
        assertRefused(sse.open("?conversation_id=" + conversationId, outsider, null), 403, "ACCESS_DENIED");
        assertRefused(sse.open("?conversation_id=" + UUID.randomUUID(), outsider, null), 404, "CONVERSATION_NOT_FOUND");
        assertRefused(sse.open("?conversation_id=nope", outsider, null), 400, "VALIDATION_FAILED");
        try (SseClient.Stream member = sse.open("?conversation_id=" + conversationId, api.login("user026"), null)) {
            assertThat(member.status).isEqualTo(200);
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        Instant now = Instant.now();
        String shortLived = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(),
                        JwtClaimsSet.builder()
                                .issuer("chat4all")
                                .subject(api.userId("user028"))
                                .claim("username", "user028")
                                .issuedAt(now)
                                .expiresAt(now.plusSeconds(3))
                                .build()))
                .getTokenValue();
        SseClient sse = new SseClient(port);
        try (SseClient.Stream stream = sse.open("", shortLived, null)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.awaitEnd(Duration.ofSeconds(10)))
                    .as("the stream ended at the token's expiry")
                    .isTrue();
        }
        assertRefused(sse.open("", shortLived, null), 401, "UNAUTHENTICATED");
    }

    @Test
    void aSixthStreamClosesTheOldestAndOpenStreamsHoldNoRequestThread() throws Exception {
        SseClient sse = new SseClient(port);
        List<SseClient.Stream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                streams.add(sse.open("", api.login("user029"), null));
            }
            assertThat(streams.get(0).awaitEnd(WAIT))
                    .as("the oldest stream closed")
                    .isTrue();
            for (int i = 0; i < 5; i++) {
                streams.add(sse.open("", api.login("user030"), null));
            }
            // 10 open streams, more than the 4 request threads: requests are still answered, and every stream hears the
            // message.
            String sender = api.login("user030");
            String conversationId = conversation(sender, "user029", "user030");
            String messageId = send(sender, conversationId, api.userId("user030"), List.of());
            for (SseClient.Stream stream : streams.subList(1, streams.size())) {
                assertThat(stream.next(e -> "message".equals(e.name()), WAIT).data())
                        .containsEntry("message_id", messageId);
            }
            assertThat(streams.get(1).awaitEnd(Duration.ZERO))
                    .as("the second stream is still open")
                    .isFalse();
        } finally {
            streams.forEach(SseClient.Stream::close);
        }
    }

    @Test
    void aReadReceiptReachesEveryMemberAsOneStatusEventPerNewlyReadMessage() throws Exception {
        SseClient sse = new SseClient(port);
        String sender = api.login("user035");
        String reader = api.login("user036");
        String conversationId = conversation(sender, "user035", "user036", "user037");
        String senderId = api.userId("user035");
        List<String> sent = List.of(
                send(sender, conversationId, senderId, List.of()),
                send(sender, conversationId, senderId, List.of()),
                send(sender, conversationId, senderId, List.of()));
        try (SseClient.Stream senderStream = sse.open("?conversation_id=" + conversationId, sender, null);
                SseClient.Stream third = sse.open("?conversation_id=" + conversationId, api.login("user037"), null)) {
            ApiClient.Response read = api.post(
                    "/v1/conversations/" + conversationId + "/read", reader, Map.of("up_to_message_id", sent.get(1)));
            assertThat(read.status()).as(read.rawBody()).isEqualTo(200);
            for (SseClient.Stream stream : List.of(senderStream, third)) {
                for (String messageId : sent.subList(0, 2)) {
                    SseClient.Event status = stream.next(
                            e -> "status".equals(e.name())
                                    && messageId.equals(e.data().get("message_id"))
                                    && !((List<?>) e.data().get("read_by")).isEmpty(),
                            WAIT);
                    assertThat((List<Map<String, Object>>) status.data().get("read_by"))
                            .extracting(r -> r.get("user_id"))
                            .containsExactly(api.userId("user036"));
                }
            }
            // Reading up to an older message reads nothing new: no status events for it.
            api.post("/v1/conversations/" + conversationId + "/read", reader, Map.of("up_to_message_id", sent.get(0)));
            String marker = send(sender, conversationId, senderId, List.of());
            SseClient.Event next = third.next(
                    e -> !"status".equals(e.name()) || !marker.equals(e.data().get("message_id")), WAIT);
            assertThat(next.name())
                    .as("the next event after the no-op read is the new message")
                    .isEqualTo("message");
            assertThat(next.data()).containsEntry("message_id", marker);
        }
    }

    /** The statuses of one message as the sender's stream shows them, from its `message` event to DELIVERED or FAILED. */
    private static List<String> statusesUntilFinal(SseClient.Stream stream, String messageId)
            throws InterruptedException {
        List<String> statuses = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (statuses.isEmpty() || !List.of("DELIVERED", "FAILED").contains(statuses.get(statuses.size() - 1))) {
            SseClient.Event event = stream.next(
                    e -> messageId.equals(e.data().get("message_id")),
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertThat(event.name()).isIn("message", "status");
            statuses.add((String) event.data().get("status"));
        }
        return statuses;
    }

    private static void assertRefused(SseClient.Stream stream, int status, String code) throws Exception {
        assertThat(stream.status).as(stream.body).isEqualTo(status);
        assertThat(stream.contentType).startsWith("application/problem+json");
        Map<?, ?> problem = new ObjectMapper().readValue(stream.body, Map.class);
        assertThat(problem.get("code")).isEqualTo(code);
        assertThat(problem.get("status")).isEqualTo(status);
    }

    private String conversation(String token, String... members) {
        ApiClient.Response response = api.post(
                "/v1/conversations",
                token,
                Map.of(
                        "type",
                        members.length == 2 ? "private" : "group",
                        "members",
                        List.of(members).stream().map(api::userId).toList()));
        assertThat(response.status()).as(response.rawBody()).isIn(200, 201);
        return (String) response.body().get("conversation_id");
    }

    private String send(String token, String conversationId, String from, List<String> channels) {
        String messageId = UUID.randomUUID().toString();
        Map<String, Object> body = new HashMap<>(Map.of(
                "message_id",
                messageId,
                "conversation_id",
                conversationId,
                "from",
                from,
                "payload",
                Map.of("type", "text", "text", "live")));
        if (!channels.isEmpty()) {
            body.put("channels", channels);
        }
        ApiClient.Response response = api.post("/v1/messages", token, body);
        assertThat(response.status()).as(response.rawBody()).isEqualTo(200);
        return messageId;
    }
}
