package io.chat4all.hub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Load generator for the messaging path: users user001..userNNN log in, each gets a private
 * conversation with the next user, and all of them send messages in a closed loop for a fixed
 * time. Afterwards every accepted message is read back; its status history gives the
 * accepted→DELIVERED latency and, second by second, the backlog of undelivered messages.
 *
 * <pre>
 * ./mvnw -q -pl infra exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.chat4all.hub.bench.MessagingBenchmark \
 *   -Dexec.args="--url http://localhost:8080 --users 50 --seconds 60 --channels-share 0.0"
 * </pre>
 * Exit code 1 when a request failed or a message did not end DELIVERED.
 */
public final class MessagingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final int users;
    private final int seconds;
    private final double channelsShare;

    record Sent(String messageId, int sender, long postNanos, boolean withChannels) {
    }

    record Result(String label, double value) {
    }

    private MessagingBenchmark(String url, int users, int seconds, double channelsShare) {
        this.url = url;
        this.users = users;
        this.seconds = seconds;
        this.channelsShare = channelsShare;
    }

    public static void main(String[] args) throws Exception {
        String url = "http://localhost:8080";
        int users = 50;
        int seconds = 60;
        double channelsShare = 0.0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--users" -> users = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--channels-share" -> channelsShare = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException(
                        "usage: [--url http://localhost:8080] [--users 50] [--seconds 60] [--channels-share 0.0]; unknown " + args[i]);
            }
        }
        boolean ok = new MessagingBenchmark(url, users, seconds, channelsShare).run();
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.printf("messaging benchmark: %s, %d users, %d s closed loop, %.0f%% of messages with channels [\"all\"]%n",
                url, users, seconds, channelsShare * 100);
        String[] tokens = new String[users];
        String[] ids = new String[users];
        for (int i = 0; i < users; i++) {
            JsonNode login = call("POST", "/auth/token", null,
                    Map.of("username", String.format("user%03d", i + 1), "password", "chat4all"), 200);
            tokens[i] = login.get("access_token").asText();
            ids[i] = login.get("user_id").asText();
        }
        String[] conversations = new String[users];
        for (int i = 0; i < users; i++) {
            JsonNode conversation = call("POST", "/v1/conversations", tokens[i],
                    Map.of("type", "private", "members", List.of(ids[i], ids[(i + 1) % users])), -1);
            conversations[i] = conversation.get("conversation_id").asText();
        }

        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        Instant startedAt = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        List<Future<?>> loops = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int user = u;
            loops.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    boolean withChannels = ThreadLocalRandom.current().nextDouble() < channelsShare;
                    String messageId = UUID.randomUUID().toString();
                    Map<String, Object> body = withChannels
                            ? Map.of("message_id", messageId, "conversation_id", conversations[user], "from", ids[user],
                                    "channels", List.of("all"), "payload", Map.of("type", "text", "text", "benchmark message " + messageId))
                            : Map.of("message_id", messageId, "conversation_id", conversations[user], "from", ids[user],
                                    "payload", Map.of("type", "text", "text", "benchmark message " + messageId));
                    long t0 = System.nanoTime();
                    try {
                        call("POST", "/v1/messages", tokens[user], body, 200);
                        sent.add(new Sent(messageId, user, System.nanoTime() - t0, withChannels));
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 5) {
                            System.err.println("POST failed: " + e.getMessage());
                        }
                    }
                }
            }));
        }
        for (Future<?> loop : loops) {
            loop.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] post = sent.stream().mapToLong(Sent::postNanos).sorted().toArray();
        System.out.printf(Locale.ROOT, "accepted %d messages in %.1f s: %.1f messages/s; POST latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f; errors %d%n",
                post.length, elapsed, post.length / elapsed, pct(post, 0.50), pct(post, 0.95), pct(post, 0.99),
                post.length == 0 ? 0 : post[post.length - 1] / 1e6, errors.get());

        // Read every message back (members can read their conversation), until all are final or the timeout.
        List<long[]> inApp = new ArrayList<>();
        List<long[]> channel = new ArrayList<>();
        long lost = 0;
        long failed = 0;
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        List<Instant> acceptedTimes = new ArrayList<>();
        List<Instant> deliveredTimes = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        List<Future<JsonNode>> reads = new ArrayList<>();
        for (Sent s : sent) {
            reads.add(readers.submit(() -> awaitFinal(s.messageId(), tokens[s.sender()], deadline)));
        }
        int index = 0;
        for (Sent s : sent) {
            JsonNode message = reads.get(index++).get();
            if (message == null || !"DELIVERED".equals(message.path("status").asText())) {
                if (message != null && "FAILED".equals(message.path("status").asText())) {
                    failed++;
                } else {
                    lost++;
                }
                continue;
            }
            Instant accepted = null;
            Instant delivered = null;
            for (JsonNode step : message.get("status_history")) {
                Instant at = Instant.parse(step.get("at").asText());
                switch (step.get("status").asText()) {
                    case "ACCEPTED" -> accepted = at;
                    case "DELIVERED" -> delivered = at;
                    default -> { }
                }
            }
            if (accepted != null && delivered != null) {
                (s.withChannels() ? channel : inApp).add(new long[] {Duration.between(accepted, delivered).toNanos()});
                acceptedTimes.add(accepted);
                deliveredTimes.add(delivered);
            }
        }
        readers.shutdown();
        report("in-app", inApp);
        if (channelsShare > 0) {
            report("channels", channel);
        }
        printBacklog(startedAt, acceptedTimes, deliveredTimes);
        System.out.printf("check: %d accepted, %d DELIVERED, %d FAILED, %d not final after %d s (lost), %d request errors%n",
                post.length, inApp.size() + channel.size(), failed, lost, SETTLE_TIMEOUT.toSeconds(), errors.get());
        return errors.get() == 0 && lost == 0 && failed == 0;
    }

    /** The message as its sender reads it, once DELIVERED or FAILED (or as it is at the deadline). */
    private JsonNode awaitFinal(String messageId, String token, long deadline) throws Exception {
        while (true) {
            JsonNode message = null;
            HttpResponse<String> response = send("GET", "/v1/messages/" + messageId, token, null);
            if (response.statusCode() == 200) {
                message = JSON.readTree(response.body());
            } else if (response.statusCode() != 404) { // 404: the read model has not seen it yet
                throw new IllegalStateException("GET message " + response.statusCode() + " " + response.body());
            }
            String status = message == null ? "" : message.path("status").asText();
            if ("DELIVERED".equals(status) || "FAILED".equals(status) || System.nanoTime() > deadline) {
                return message;
            }
            Thread.sleep(200);
        }
    }

    private static void report(String label, List<long[]> latencies) {
        long[] sorted = latencies.stream().mapToLong(l -> l[0]).sorted().toArray();
        System.out.printf(Locale.ROOT, "accepted→DELIVERED %s (%d messages) ms p50 %.1f p95 %.1f p99 %.1f max %.1f%n",
                label, sorted.length, pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    /** Accepted but not yet delivered, at each tenth of the run: flat means delivery keeps up. */
    private void printBacklog(Instant startedAt, List<Instant> accepted, List<Instant> delivered) {
        Instant[] a = accepted.toArray(Instant[]::new);
        Instant[] d = delivered.toArray(Instant[]::new);
        Arrays.sort(a);
        Arrays.sort(d);
        StringBuilder line = new StringBuilder("backlog (accepted, not yet delivered; of the messages delivered in the end) at 10%..100% of the run:");
        for (int tenth = 1; tenth <= 10; tenth++) {
            Instant at = startedAt.plusMillis(seconds * 100L * tenth);
            line.append(' ').append(countUpTo(a, at) - countUpTo(d, at));
        }
        System.out.println(line);
    }

    private static int countUpTo(Instant[] sorted, Instant at) {
        int i = Arrays.binarySearch(sorted, at);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private JsonNode call(String method, String path, String token, Object body, int expected) throws Exception {
        HttpResponse<String> response = send(method, path, token, body);
        if (expected > 0 ? response.statusCode() != expected : response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
