package io.chat4all.hub;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The hub as its clients see it: JSON over HTTP with a bearer token, nothing else. Tests use
 * it to prove the contract of API.md end to end.
 */
@Component
public class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;
    private final Map<String, Map<String, Object>> logins = new ConcurrentHashMap<>();

    public ApiClient(TestRestTemplate http) {
        this.http = http;
    }

    /** An answer: status, headers, the body parsed as a JSON object (empty if it is not one) and as text. */
    public record Response(int status, HttpHeaders headers, Map<String, Object> body, String rawBody) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** Logs the demo user in (password "chat4all") and returns the access token; cached per test JVM. */
    public String login(String username) {
        return (String) tokenResponse(username).get("access_token");
    }

    public String userId(String username) {
        return (String) tokenResponse(username).get("user_id");
    }

    private Map<String, Object> tokenResponse(String username) {
        return logins.computeIfAbsent(username, name -> {
            Response response = post("/auth/token", null, Map.of("username", name, "password", "chat4all"));
            if (response.status() != 200) {
                throw new AssertionError(
                        "login of " + name + " failed: " + response.status() + " " + response.rawBody());
            }
            return response.body();
        });
    }

    public Response get(String path, String token) {
        return exchange(HttpMethod.GET, path, token, null, MediaType.APPLICATION_JSON);
    }

    public Response post(String path, String token, Object body) {
        return exchange(HttpMethod.POST, path, token, toJson(body), MediaType.APPLICATION_JSON);
    }

    /** Sends the body as it is, e.g. broken JSON. */
    public Response postRaw(String path, String token, String body) {
        return exchange(HttpMethod.POST, path, token, body, MediaType.APPLICATION_JSON);
    }

    public Response postForm(String path, String formBody) {
        return exchange(HttpMethod.POST, path, null, formBody, MediaType.APPLICATION_FORM_URLENCODED);
    }

    public Response exchange(HttpMethod method, String path, String token, String body, MediaType contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(contentType);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (token != null) {
            headers.setBearerAuth(token);
        }
        ResponseEntity<String> response = http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        String raw = response.getBody() == null ? "" : response.getBody();
        return new Response(response.getStatusCode().value(), response.getHeaders(), parse(raw), raw);
    }

    private static Map<String, Object> parse(String raw) {
        try {
            return raw.isBlank() || !raw.trim().startsWith("{")
                    ? Map.of()
                    : JSON.readValue(raw, new TypeReference<>() {});
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
