package io.chat4all.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * API.md's Operations limits with their default settings: login throttling per username and
 * address and per address, the per-user send limit, closed CORS, the 64 KiB body limit. Each
 * test poses as a client address of its own (X-Forwarded-For, trusted from 127.0.0.1 in the
 * test profile) and uses demo users user046..user050, so no other test's limits are spent.
 */
class AbuseLimitsTest extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ApiClient api;

    @LocalServerPort
    int port;

    @Test
    void moreThanFiveFailedLoginsForOneUserFromOneAddressAre429UntilTheWindowPasses() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(login("203.0.113.46", "user046", "wrong").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = login("203.0.113.46", "user046", "wrong");
        assertTooManyRequests(refused, 60);
        // Answered before any password check: the right password is refused too, from that address.
        assertTooManyRequests(login("203.0.113.46", "user046", "chat4all"), 60);
        assertThat(login("203.0.113.47", "user046", "chat4all").statusCode()).isEqualTo(200);
    }

    @Test
    void successfulLoginsDoNotCount() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertThat(login("203.0.113.48", "user047", "chat4all").statusCode())
                    .isEqualTo(200);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(login("203.0.113.48", "user047", "wrong").statusCode()).isEqualTo(401);
        }
        assertThat(login("203.0.113.48", "user047", "wrong").statusCode()).isEqualTo(429);
    }

    @Test
    void moreThanThirtyFailedLoginsFromOneAddressAre429WhateverTheUsername() throws Exception {
        for (int i = 0; i < 30; i++) {
            // Unknown users count like known ones: the answer tells nothing about who exists.
            assertThat(login("198.51.100.30", "nobody-" + i, "wrong").statusCode())
                    .isEqualTo(401);
        }
        assertTooManyRequests(login("198.51.100.30", "user048", "chat4all"), 60);
        assertThat(login("198.51.100.31", "user048", "chat4all").statusCode()).isEqualTo(200);
    }

    @Test
    void moreThanAHundredSendsASecondFromOneUserAre429() throws Exception {
        String token = api.login("user049");
        String me = api.userId("user049");
        AtomicBoolean limited = new AtomicBoolean();
        List<HttpResponse<String>> refusals = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            senders.add(pool.submit(() -> {
                for (int i = 0; i < 250 && !limited.get(); i++) {
                    // An empty body is refused (400) after the limit's check: cheap, and it counts.
                    HttpResponse<String> answer = send(token, "{}");
                    if (answer.statusCode() == 429) {
                        limited.set(true);
                        synchronized (refusals) {
                            refusals.add(answer);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : senders) {
            sender.get();
        }
        pool.shutdown();
        assertThat(refusals).isNotEmpty();
        assertTooManyRequests(refusals.get(0), 1);

        Thread.sleep(1_100); // a second's worth of tokens back
        ApiClient.Response conversation = api.post(
                "/v1/conversations", token, Map.of("type", "private", "members", List.of(api.userId("user050"))));
        String body = JSON.writeValueAsString(Map.of(
                "message_id",
                UUID.randomUUID().toString(),
                "conversation_id",
                conversation.body().get("conversation_id"),
                "from",
                me,
                "payload",
                Map.of("type", "text", "text", "after the pause")));
        assertThat(send(token, body).statusCode()).isEqualTo(200);
    }

    @Test
    void corsIsClosedUnlessConfigured() throws Exception {
        HttpResponse<String> preflight = HTTP.send(
                HttpRequest.newBuilder(uri("/v1/messages"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://evil.example")
                        .header("Access-Control-Request-Method", "POST")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(problem(preflight)).containsEntry("code", "ACCESS_DENIED");
    }

    @Test
    void jsonBodiesAreLimitedTo64KiB() throws Exception {
        String token = api.login("user049");
        String padding = "{\"pad\":\"%s\"}";
        String atLimit = padding.formatted("a".repeat(65_536 - padding.length() + 2));
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(65_536);
        assertThat(post("/v1/files/initiate", token, atLimit).statusCode())
                .isEqualTo(400); // read, then refused: no filename
        HttpResponse<String> over = post("/v1/files/initiate", token, atLimit.replace("{\"pad", "{ \"pad"));
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(problem(over)).containsEntry("code", "PAYLOAD_TOO_LARGE");
        assertThat((String) problem(over).get("detail")).contains("64 KiB");
    }

    private HttpResponse<String> login(String address, String username, String password) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri("/auth/token"))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", address)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("username", username, "password", password))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String token, String body) throws Exception {
        return post("/v1/messages", token, body);
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertTooManyRequests(HttpResponse<String> answer, int maxRetryAfter) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(problem(answer)).containsEntry("code", "TOO_MANY_REQUESTS");
        long retryAfter =
                Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, (long) maxRetryAfter);
    }

    private static Map<String, Object> problem(HttpResponse<String> answer) throws Exception {
        return JSON.readValue(answer.body(), new TypeReference<>() {});
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
