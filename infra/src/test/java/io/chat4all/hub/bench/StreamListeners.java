package io.chat4all.hub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Clients holding GET /v1/events while the load runs, spread over the benchmark's users (at most
 * five per user, the hub's limit). Each records, end to end, when a message first reached it
 * (as a {@code message} event: arrival minus the view's ACCEPTED time) and when it first showed
 * the message DELIVERED (arrival minus the DELIVERED time), so that afterwards every accepted
 * message can be checked against every stream that should have heard of it.
 */
final class StreamListeners implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Listener> listeners = new ArrayList<>();
    final ConcurrentLinkedQueue<Long> messagePushNanos = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> deliveredPushNanos = new ConcurrentLinkedQueue<>();
    final AtomicInteger endedEarly = new AtomicInteger();
    private volatile boolean closing;

    /** One open stream of one user: the messages it heard of, and those it saw DELIVERED. */
    final class Listener {
        final int user;
        final Set<String> heard = ConcurrentHashMap.newKeySet();
        final Set<String> delivered = ConcurrentHashMap.newKeySet();
        private InputStream body;

        Listener(int user) {
            this.user = user;
        }

        private void read() {
            String name = null;
            StringBuilder data = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            received(name, data.toString(), Instant.now());
                        }
                        name = null;
                        data = null;
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
                    }
                }
            } catch (IOException e) {
                // closed by us at the end, or by the hub (counted below)
            }
            if (!closing) {
                endedEarly.incrementAndGet();
            }
        }

        private void received(String name, String data, Instant arrival) throws IOException {
            if (!"message".equals(name) && !"status".equals(name)) {
                return;
            }
            JsonNode view = BenchHttp.JSON.readTree(data);
            String id = view.path("message_id").asText();
            if (heard.add(id) && "message".equals(name)) {
                record(messagePushNanos, view, "ACCEPTED", arrival);
            }
            if ("DELIVERED".equals(view.path("status").asText()) && delivered.add(id)) {
                record(deliveredPushNanos, view, "DELIVERED", arrival);
            }
        }

        private void record(ConcurrentLinkedQueue<Long> into, JsonNode view, String status, Instant arrival) {
            for (JsonNode step : view.path("status_history")) {
                if (status.equals(step.path("status").asText())) {
                    into.add(Duration.between(Instant.parse(step.get("at").asText()), arrival).toNanos());
                    return;
                }
            }
        }
    }

    /** Opens {@code count} streams, round-robin over the users, and waits until each has answered 200. */
    static StreamListeners open(String url, String[] tokens, int count) throws Exception {
        if (count > tokens.length * 5) {
            throw new IllegalArgumentException(count + " streams need at least " + (count + 4) / 5 + " users (5 streams each)");
        }
        StreamListeners streams = new StreamListeners();
        for (int i = 0; i < count; i++) {
            Listener listener = streams.new Listener(i % tokens.length);
            HttpResponse<InputStream> response = streams.http.send(HttpRequest.newBuilder(URI.create(url + "/v1/events"))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + tokens[listener.user]).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /v1/events -> " + response.statusCode()
                        + " " + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            listener.body = response.body();
            Thread reader = new Thread(listener::read, "bench-stream-" + i);
            reader.setDaemon(true);
            reader.start();
            streams.listeners.add(listener);
        }
        return streams;
    }

    int size() {
        return listeners.size();
    }

    List<Listener> of(int user) {
        return listeners.stream().filter(l -> l.user == user).toList();
    }

    @Override
    public void close() {
        closing = true;
        for (Listener listener : listeners) {
            try {
                listener.body.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
