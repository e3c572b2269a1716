package io.chat4all.hub.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Several hundred generated hostile requests over every endpoint ({@link HostileRequests}),
 * sent raw over sockets: never a 5xx, every refusal application/problem+json with a code of
 * API.md's table and no stack trace or class name, the exact code where it is determined; and
 * the hub still logs in, sends and reads afterwards. Uses demo users user040..user044 only.
 */
class HostileInputTest extends HubIntegrationTest {

    /** API.md's error table, plus NOT_FOUND for a path the hub does not have. */
    static final Set<String> CODES = Set.of(
            "VALIDATION_FAILED",
            "MALFORMED_JSON",
            "INVALID_MEMBER_COUNT",
            "TOO_MANY_MEMBERS",
            "UNKNOWN_MEMBERS",
            "INVALID_CHUNK",
            "INVALID_CREDENTIALS",
            "UNAUTHENTICATED",
            "ACCESS_DENIED",
            "NOT_FOUND",
            "CONVERSATION_NOT_FOUND",
            "MESSAGE_NOT_FOUND",
            "FILE_NOT_FOUND",
            "USER_NOT_FOUND",
            "MESSAGE_ID_CONFLICT",
            "UPLOAD_NOT_OPEN",
            "UPLOAD_INCOMPLETE",
            "PAYLOAD_TOO_LARGE",
            "METHOD_NOT_ALLOWED",
            "NOT_ACCEPTABLE",
            "URI_TOO_LONG",
            "UNSUPPORTED_MEDIA_TYPE",
            "HEADER_TOO_LARGE",
            "CHECKSUM_MISMATCH",
            "TOO_MANY_REQUESTS",
            "SERVICE_UNAVAILABLE");
    /** What must never show in an error body. */
    static final List<String> LEAKS = List.of(
            "Exception",
            "\tat ",
            "java.",
            "org.apache",
            "org.springframework",
            "io.chat4all",
            "SQL",
            "<html",
            "<!doctype");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ApiClient api;

    @Autowired
    JwtEncoder encoder;

    @LocalServerPort
    int port;

    @Test
    void hostileRequestsNeverBreakTheHub() throws Exception {
        List<String> senders = List.of("user041", "user042", "user043");
        List<String> tokens = senders.stream().map(api::login).toList();
        List<String> ids = senders.stream().map(api::userId).toList();
        ApiClient.Response group =
                api.post("/v1/conversations", tokens.get(0), Map.of("type", "group", "members", ids));
        assertThat(group.status()).as(group.rawBody()).isEqualTo(201);
        HostileRequests.Fixture fixture = new HostileRequests.Fixture(
                tokens,
                ids,
                (String) group.body().get("conversation_id"),
                api.userId("user040"),
                badTokens(tokens.get(0), ids.get(0)));
        List<HostileRequests.Case> cases = new HostileRequests(fixture).all();

        RawHttp http = new RawHttp(port);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger serverErrors = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (HostileRequests.Case c : cases) {
            pool.submit(() -> {
                try {
                    RawHttp.Answer answer = http.send(c.request());
                    if (answer.status() >= 500) {
                        serverErrors.incrementAndGet();
                    }
                    check(c, answer).forEach(problem -> failures.add(c.request().label() + ": " + problem));
                } catch (Exception e) {
                    failures.add(c.request().label() + ": " + e);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        System.out.printf(
                "Hostile input: %d requests in %d ms, %d answered 5xx, %d failed a check%n",
                cases.size(), (System.nanoTime() - started) / 1_000_000, serverErrors.get(), failures.size());

        assertThat(failures)
                .as("hostile requests answered against the contract")
                .isEmpty();
        assertThat(serverErrors.get()).isZero();
        assertThat(cases.size()).isGreaterThan(500);
        stillHealthy();
        // Tomcat logs a refused header line verbatim, bearer token included, unless told not to.
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target/test-logs/chat4all.log"));
        for (String token : tokens) {
            assertThat(log)
                    .as("the hub's log holds a bearer token")
                    .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    /** What is wrong with this answer, if anything. */
    private static List<String> check(HostileRequests.Case c, RawHttp.Answer answer) throws Exception {
        if (answer.status() < 0) {
            return List.of("no HTTP answer: " + HostileRequests.abbreviate(answer.body()));
        }
        if (answer.status() >= 500) {
            return List.of("answered " + answer.status() + " " + HostileRequests.abbreviate(answer.body()));
        }
        HostileRequests.Expect expect = c.expect();
        if (expect.status() != null && expect.status() != answer.status()) {
            return List.of("expected " + expect.status() + ", got " + answer.status() + " "
                    + HostileRequests.abbreviate(answer.body()));
        }
        if (answer.status() < 400) {
            return List.of();
        }
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return List.of("content type " + type + " for " + answer.status());
        }
        for (String leak : LEAKS) {
            if (answer.body().contains(leak)) {
                return List.of("the body shows " + leak);
            }
        }
        Map<String, Object> problem = JSON.readValue(answer.body(), new TypeReference<>() {});
        if (!CODES.contains(problem.get("code"))
                || !Integer.valueOf(answer.status()).equals(problem.get("status"))) {
            return List.of(
                    "code " + problem.get("code") + " / status " + problem.get("status") + " for " + answer.status());
        }
        if (expect.code() != null && !expect.code().equals(problem.get("code"))) {
            return List.of("expected code " + expect.code() + ", got " + problem.get("code"));
        }
        if ("PAYLOAD_TOO_LARGE".equals(expect.code())
                && !String.valueOf(problem.get("detail")).contains("64 KiB")) {
            return List.of("the detail does not name the 64 KiB limit: " + problem.get("detail"));
        }
        if (expect.field() != null) {
            Object errors = problem.get("errors");
            boolean named = errors instanceof List<?> list
                    && list.stream()
                            .anyMatch(e ->
                                    e instanceof Map<?, ?> m && expect.field().equals(m.get("field")));
            if (!named) {
                return List.of("errors do not name " + expect.field() + ": " + errors);
            }
        }
        return List.of();
    }

    /** Tokens that must all be 401 UNAUTHENTICATED. */
    private Map<String, String> badTokens(String valid, String userId) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("empty", "Bearer ");
        tokens.put("scheme only", "Bearer");
        tokens.put("garbage", "Bearer x");
        tokens.put("three dots", "Bearer a.b.c");
        tokens.put(
                "tampered",
                "Bearer " + valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA"));
        tokens.put(
                "tampered claims",
                "Bearer " + withClaims(valid, "{\"sub\":\"" + UUID.randomUUID() + "\",\"exp\":9999999999}"));
        tokens.put("expired", "Bearer " + signed(encoder, userId, Instant.now().minusSeconds(7200)));
        tokens.put(
                "alg none",
                "Bearer " + base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                        + base64("{\"sub\":\"" + userId + "\",\"username\":\"user041\",\"exp\":9999999999}") + ".");
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        JwtEncoder foreign = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(otherKey, "HmacSHA256")));
        tokens.put(
                "foreign key", "Bearer " + signed(foreign, userId, Instant.now().plusSeconds(3600)));
        tokens.put("trailing garbage", "Bearer " + valid + "x");
        tokens.put("long garbage", "Bearer " + "e".repeat(6_000));
        return tokens;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String signed(JwtEncoder encoder, String userId, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("chat4all")
                .subject(userId)
                .claim("username", "user041")
                .issuedAt(expiresAt.minusSeconds(3600))
                .expiresAt(expiresAt)
                .build();
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    private static String withClaims(String token, String claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + base64(claims) + "." + parts[2];
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A normal client still gets through: log in, open a conversation, send, read back, health UP. */
    private void stillHealthy() {
        String token = api.login("user044");
        ApiClient.Response conversation = api.post(
                "/v1/conversations", token, Map.of("type", "private", "members", List.of(api.userId("user040"))));
        assertThat(conversation.status()).as(conversation.rawBody()).isIn(200, 201);
        String conversationId = (String) conversation.body().get("conversation_id");
        String messageId = UUID.randomUUID().toString();
        ApiClient.Response sent = api.post(
                "/v1/messages",
                token,
                Map.of(
                        "message_id",
                        messageId,
                        "conversation_id",
                        conversationId,
                        "from",
                        api.userId("user044"),
                        "payload",
                        Map.of("type", "text", "text", "still here")));
        assertThat(sent.status()).as(sent.rawBody()).isEqualTo(200);
        // The flood above accepted many valid messages and uploads: the read model may trail for a moment.
        long sentAt = System.nanoTime();
        ApiClient.Response read = api.get("/v1/messages/" + messageId, token);
        while (read.status() == 404 && System.nanoTime() - sentAt < 20_000_000_000L) {
            sleep(200);
            read = api.get("/v1/messages/" + messageId, token);
        }
        System.out.printf(
                "Hostile input: a normal message readable %d ms after its send%n",
                (System.nanoTime() - sentAt) / 1_000_000);
        assertThat(read.status()).as(read.rawBody()).isEqualTo(200);
        assertThat(read.body()).containsEntry("message_id", messageId);
        ApiClient.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).containsEntry("status", "UP");
    }
}
