package io.chat4all.hub.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * JSON over HTTP to a hub running as its own process, as a client sees it: a process that is
 * down is an {@link IOException}, not a test failure, so callers decide what a client would do.
 */
final class JsonHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body, HttpResponse<String> response) {

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        boolean ok() {
            return status == 200 || status == 201;
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<String> baseUrl;

    JsonHttp(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer call(String method, String path, String token, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(request.build());
    }

    private Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? MissingNode.getInstance() : parse(response.body());
            return new Answer(response.statusCode(), json, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A raw body (a file chunk), {@code application/octet-stream}. */
    Answer callBytes(String method, String path, String token, byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(request);
    }

    /** The call's JSON; fails (as a test would) unless it answered 2xx. */
    JsonNode ok(String method, String path, String token, Object body) throws IOException {
        Answer answer = call(method, path, token, body);
        if (!answer.ok()) {
            throw new AssertionError(method + " " + path + " answered " + answer.status() + ": "
                    + answer.response().body());
        }
        return answer.body();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
