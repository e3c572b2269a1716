package io.chat4all.hub.warmup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Sends the hot paths' requests to the hub itself over loopback before readiness turns UP (an
 * ApplicationRunner runs before it does), so that a client's first requests do not pay for class
 * loading, the first JIT and the first connections (SC-001). Only requests that change nothing:
 * each one is refused (a user that does not exist, a conversation that does not exist, a body
 * that does not validate), but on its way it crosses Tomcat, the security filters and the JWT
 * check, JSON binding, the controllers, the lookups and queries in PostgreSQL, and the error handler.
 */
@Component
class HotPathWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HotPathWarmUp.class);

    private final WebServerApplicationContext context;
    private final JwtEncoder tokens;
    private final WarmUpSettings settings;

    HotPathWarmUp(WebServerApplicationContext context, JwtEncoder tokens, WarmUpSettings settings) {
        this.context = context;
        this.tokens = tokens;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.rounds() <= 0) {
            return;
        }
        long started = System.nanoTime();
        String base = "http://127.0.0.1:" + context.getWebServer().getPort();
        String nobody = UUID.randomUUID().toString();
        String token = tokenFor(nobody);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int answered = 0;
        long giveUpAt = started + settings.maxDuration().toNanos();
        for (int round = 0; round < settings.rounds() && System.nanoTime() < giveUpAt; round++) {
            String somewhere = UUID.randomUUID().toString();
            answered += send(http, post(base + "/auth/token", null, "{\"username\":\"\"}"));
            answered += send(http, get(base + "/v1/users/me", token));
            answered += send(http, get(base + "/v1/users?username=warm&limit=5", token));
            answered += send(
                    http,
                    post(
                            base + "/v1/conversations",
                            token,
                            "{\"type\":\"private\",\"members\":[\"" + somewhere + "\"]}"));
            answered += send(http, get(base + "/v1/conversations/" + somewhere, token));
            answered += send(http, get(base + "/v1/conversations?limit=5", token));
            answered += send(http, get(base + "/v1/conversations/" + somewhere + "/messages?limit=5", token));
            answered += send(
                    http,
                    post(
                            base + "/v1/messages",
                            token,
                            "{\"message_id\":\"" + UUID.randomUUID()
                                    + "\",\"conversation_id\":\"" + somewhere + "\",\"from\":\"" + nobody
                                    + "\",\"channels\":[\"all\"],\"payload\":{\"type\":\"text\",\"text\":\"warm-up\"}}"));
            answered += send(http, get(base + "/v1/messages/" + somewhere, token));
        }
        log.info(
                "Warmed up the hot paths with {} requests in {} ms",
                answered,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** A token of a user that does not exist, valid for the warm-up only. */
    private String tokenFor(String subject) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("chat4all")
                .subject(subject)
                .claim("username", "warm-up")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(120))
                .build();
        return tokens.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    private static HttpRequest get(String uri, String token) {
        return HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
    }

    private static HttpRequest post(String uri, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    /** 1 if the hub answered (whatever it answered); a warm-up that cannot reach the hub is not a reason to fail. */
    private static int send(HttpClient http, HttpRequest request) {
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
            return 1;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }
}
