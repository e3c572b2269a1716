package io.chat4all.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.hub.SseClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Every accepted message ends DELIVERED or FAILED, also when a process is killed in between":
 * the packaged hub accepts a burst of messages, is killed with SIGKILL while delivery is still
 * under way, starts again on the same data directory without a hand, and delivers them all.
 * Messages routed to a silent channel (its connector switched off) before the kill still end
 * FAILED at their deadline afterwards: the deadline outlives the process (and its saga).
 * A member's live stream, gone before the burst, resumes on the restarted hub from the last event
 * id it got: each message of the burst (some projected only after the restart) arrives once,
 * then live ones follow: event ids outlive the process.
 */
class KilledHubRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short, so that the silent channel's messages fail soon after the restart. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private HubProcess hub;

    @AfterEach
    void stopHub() throws InterruptedException {
        if (hub != null) {
            hub.stop();
        }
    }

    @Test
    void messagesAcceptedBeforeAKillAreDeliveredAfterTheRestart() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "killed-hub-");
        hub = new HubProcess(
                work.resolve("data"),
                "--chat4all.connectors.instagram.enabled=false",
                "--chat4all.delivery.deadline=" + DEADLINE.toSeconds() + "s");
        hub.start();

        JsonNode alice = call("POST", "/auth/token", null, Map.of("username", "alice", "password", "chat4all"));
        JsonNode bob = call("POST", "/auth/token", null, Map.of("username", "bob", "password", "chat4all"));
        String token = alice.get("access_token").asText();
        String aliceId = alice.get("user_id").asText();
        String conversationId = call(
                        "POST",
                        "/v1/conversations",
                        token,
                        Map.of(
                                "type",
                                "private",
                                "members",
                                List.of(bob.get("user_id").asText())))
                .get("conversation_id")
                .asText();
        String bobToken = bob.get("access_token").asText();
        SseClient sse = new SseClient(hub.baseUrl());
        SseClient.Stream bobListening = sse.open("", bobToken, null);
        assertThat(bobListening.status).isEqualTo(200);

        List<String> toSilentChannel = sendToInstagram(token, conversationId, aliceId, 3);
        String lastHeard = null;
        for (String id : toSilentChannel) {
            lastHeard = bobListening
                    .next(
                            e -> "message".equals(e.name())
                                    && id.equals(e.data().get("message_id")),
                            Duration.ofSeconds(10))
                    .id();
        }
        bobListening.close(); // bob goes offline: the burst is what he will have missed
        awaitStatus(token, toSilentChannel, "IN_TRANSIT", Duration.ofSeconds(30));
        Thread.sleep(1000); // the saga's batch that routed them (and wrote their deadlines) has committed
        List<String> accepted = sendBurst(token, conversationId, aliceId, 300);
        hub.kill(); // at once: some messages are stored but not yet published, delivered or projected

        hub.start();
        String newToken = call("POST", "/auth/token", null, Map.of("username", "alice", "password", "chat4all"))
                .get("access_token")
                .asText();
        assertThat(call("GET", "/v1/users/me", token, null).get("user_id").asText())
                .as("a token issued before the kill still works")
                .isEqualTo(aliceId);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> notDelivered = new ArrayList<>(accepted);
        notDelivered.removeIf(id -> "DELIVERED".equals(status(newToken, id)));
        System.out.printf(
                "%d of %d accepted messages were not yet DELIVERED when the restarted hub was ready%n",
                notDelivered.size(), accepted.size());
        while (!notDelivered.isEmpty() && System.nanoTime() < deadline) {
            notDelivered.removeIf(id -> "DELIVERED".equals(status(newToken, id)));
            Thread.sleep(250);
        }
        assertThat(notDelivered)
                .as("accepted before the kill, not DELIVERED 60 s after the restart")
                .isEmpty();

        awaitStatus(newToken, toSilentChannel, "FAILED", DEADLINE.plusSeconds(30));
        for (String id : toSilentChannel) {
            JsonNode failed = call("GET", "/v1/messages/" + id, newToken, null);
            JsonNode history = failed.get("status_history");
            assertThat(history.get(history.size() - 1).get("note").asText())
                    .isEqualTo("Not every channel confirmed delivery within " + DEADLINE.toSeconds() + " s");
        }
        assertThat(Files.readString(work.resolve("hub.log"))).contains("left running");

        resumeAfterRestart(sse, bobToken, lastHeard, accepted, conversationId, aliceId, newToken);
    }

    /** Resuming from an id heard before the kill brings each message sent after it once, then live ones. */
    private void resumeAfterRestart(
            SseClient sse,
            String bobToken,
            String lastId,
            List<String> missedMessages,
            String conversationId,
            String aliceId,
            String aliceToken)
            throws Exception {
        Set<Object> missed = new HashSet<>(missedMessages);
        try (SseClient.Stream resumed = sse.open("", bobToken, lastId)) {
            assertThat(resumed.status).isEqualTo(200);
            List<Object> replayed = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!new HashSet<>(replayed).containsAll(missed) && System.nanoTime() < deadline) {
                SseClient.Event event =
                        resumed.next(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                assertThat(event.name())
                        .as("a resume from an id of before the restart is possible")
                        .isNotEqualTo("reset");
                if ("message".equals(event.name())) {
                    replayed.add(event.data().get("message_id"));
                }
            }
            assertThat(replayed)
                    .as("each missed message once, none heard before")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(missed);

            String live = UUID.randomUUID().toString();
            call(
                    "POST",
                    "/v1/messages",
                    aliceToken,
                    Map.of(
                            "message_id",
                            live,
                            "conversation_id",
                            conversationId,
                            "from",
                            aliceId,
                            "payload",
                            Map.of("type", "text", "text", "after the resume")));
            assertThat(resumed.next(e -> "message".equals(e.name()), Duration.ofSeconds(10))
                            .data()
                            .get("message_id"))
                    .isEqualTo(live);
        }
    }

    private List<String> sendToInstagram(String token, String conversationId, String from, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            call(
                    "POST",
                    "/v1/messages",
                    token,
                    Map.of(
                            "message_id",
                            id,
                            "conversation_id",
                            conversationId,
                            "from",
                            from,
                            "channels",
                            List.of("instagram"),
                            "payload",
                            Map.of("type", "text", "text", "to a silent channel " + i)));
            ids.add(id);
        }
        return ids;
    }

    private void awaitStatus(String token, List<String> ids, String wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> pending = new ArrayList<>(ids);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(id -> wanted.equals(status(token, id)));
            Thread.sleep(250);
        }
        assertThat(pending).as("not " + wanted + " within " + timeout).isEmpty();
    }

    private List<String> sendBurst(String token, String conversationId, String from, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<String>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                sends.add(pool.submit(() -> {
                    String id = UUID.randomUUID().toString();
                    JsonNode answer = call(
                            "POST",
                            "/v1/messages",
                            token,
                            Map.of(
                                    "message_id",
                                    id,
                                    "conversation_id",
                                    conversationId,
                                    "from",
                                    from,
                                    "payload",
                                    Map.of("type", "text", "text", "burst " + n)));
                    assertThat(answer.get("status").asText()).isEqualTo("accepted");
                    return id;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> send : sends) {
                ids.add(send.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    private String status(String token, String messageId) {
        try {
            HttpResponse<String> response = send("GET", "/v1/messages/" + messageId, token, null);
            return response.statusCode() == 200
                    ? JSON.readTree(response.body()).path("status").asText()
                    : "";
        } catch (Exception e) {
            return "";
        }
    }

    private JsonNode call(String method, String path, String token, Object body) throws Exception {
        HttpResponse<String> response = send(method, path, token, body);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
