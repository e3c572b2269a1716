package io.chat4all.hub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of GET /v1/events as a browser's fetch reads it: the lines of the body, parsed into
 * events by a background thread into a queue that the test takes from with timeouts.
 */
public final class SseClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;

    public SseClient(int port) {
        this("http://localhost:" + port);
    }

    /** @param base the hub's address, e.g. {@code http://127.0.0.1:8080} */
    public SseClient(String base) {
        this.base = base;
    }

    /** One event as received; data parsed as a JSON object (empty if none). */
    public record Event(String id, String name, String rawData, Map<String, Object> data) {}

    /** An open (or refused) stream. */
    public static final class Stream implements AutoCloseable {

        public final int status;
        public final String contentType;
        public final String body;
        public final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        public final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
        private final CountDownLatch ended = new CountDownLatch(1);
        private final InputStream input;

        private Stream(HttpResponse<InputStream> response) throws IOException {
            this.status = response.statusCode();
            this.contentType = response.headers().firstValue("Content-Type").orElse("");
            this.input = response.body();
            if (status != 200) {
                this.body = new String(input.readAllBytes(), StandardCharsets.UTF_8);
                ended.countDown();
                return;
            }
            this.body = "";
            Thread reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event, waiting at most the timeout. */
        public Event next(Duration timeout) throws InterruptedException {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout);
            }
            return event;
        }

        /** The next event that matches, skipping others, waiting at most the timeout in all. */
        public Event next(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("no matching event within " + timeout);
                }
                if (wanted.test(event)) {
                    return event;
                }
            }
        }

        public boolean awaitEnd(Duration timeout) throws InterruptedException {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            try {
                input.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        private void read() {
            String id = null;
            String name = null;
            StringBuilder data = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (name != null || data != null) {
                            events.add(event(id, name, data == null ? null : data.toString()));
                        }
                        id = null;
                        name = null;
                        data = null;
                    } else if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("id:")) {
                        id = value(line, "id:");
                    } else if (line.startsWith("event:")) {
                        name = value(line, "event:");
                    } else if (line.startsWith("data:")) {
                        data = data == null
                                ? new StringBuilder(value(line, "data:"))
                                : data.append('\n').append(value(line, "data:"));
                    }
                }
            } catch (IOException closed) {
                // the test closed it, or the hub did
            } finally {
                ended.countDown();
            }
        }

        private static String value(String line, String field) {
            String value = line.substring(field.length());
            return value.startsWith(" ") ? value.substring(1) : value;
        }

        private static Event event(String id, String name, String data) {
            Map<String, Object> parsed = Map.of();
            if (data != null && data.startsWith("{")) {
                try {
                    parsed = JSON.readValue(data, new TypeReference<>() {});
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Event(id, name, data, parsed);
        }
    }

    /** Opens GET /v1/events{query} (query "" or "?conversation_id=..."); token and lastEventId may be null. */
    public Stream open(String query, String token, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/events" + query))
                .header("Accept", "text/event-stream")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new Stream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }
}
