package io.chat4all.hub.bench;

import java.net.http.HttpResponse;
import java.nio.file.Path;
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

/**
 * Load generator for the messaging path: closed-loop users (demo users user001...) send for a
 * fixed time, in the spec's mix (each user alternates between a private conversation and a
 * group of 5 or 10) or private conversations only, a share of the messages to {@code ["all"]}.
 * Afterwards every accepted message is read back; its status history gives accepted→DELIVERED
 * and, second by second, the backlog. With {@code --streams N}, N more clients hold
 * GET /v1/events meanwhile and report push latency and events lost; with {@code --hub-pid} the
 * hub's CPU per message (JVM and PostgreSQL, from /proc) and its live heap are printed too.
 *
 * <pre>
 * java -cp infra/target/chat4all-hub.jar -Dloader.path=infra/target/test-classes \
 *   -Dloader.main=io.chat4all.hub.bench.MessagingBenchmark org.springframework.boot.loader.launch.PropertiesLauncher \
 *   --url http://localhost:8080 --users 50 --seconds 60 --channels-share 0.5 --mix spec --streams 0
 * </pre>
 * The last line is {@code result: key=value ...} for scripts. Exit code 1 when a request failed,
 * a message did not end DELIVERED or a stream missed an event.
 */
public final class MessagingBenchmark {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STREAM_SETTLE = Duration.ofSeconds(10);

    private final BenchHttp http;
    private final Options options;

    record Options(
            String url,
            int users,
            int seconds,
            double channelsShare,
            boolean groups,
            int streams,
            long hubPid,
            Path postgresData) {}

    record Sent(
            String messageId,
            int sender,
            BenchConversations.Conversation conversation,
            long postNanos,
            boolean withChannels,
            long sentAfterNanos) {}

    private MessagingBenchmark(Options options) {
        this.options = options;
        this.http = new BenchHttp(options.url());
    }

    public static void main(String[] args) throws Exception {
        String url = "http://localhost:8080";
        int users = 50;
        int seconds = 60;
        double channelsShare = 0.5;
        boolean groups = true;
        int streams = 0;
        long hubPid = -1;
        Path postgresData = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--users" -> users = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--channels-share" -> channelsShare = Double.parseDouble(args[++i]);
                case "--mix" ->
                    groups = switch (args[++i]) {
                        case "spec" -> true;
                        case "private" -> false;
                        default -> throw new IllegalArgumentException("--mix is spec or private");
                    };
                case "--streams" -> streams = Integer.parseInt(args[++i]);
                case "--hub-pid" -> hubPid = Long.parseLong(args[++i]);
                case "--postgres-data" -> postgresData = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "usage: [--url http://localhost:8080] [--users 50] [--seconds 60]"
                                    + " [--channels-share 0.5] [--mix spec|private] [--streams 0] [--hub-pid PID] [--postgres-data DIR]; unknown "
                                    + args[i]);
            }
        }
        boolean ok = new MessagingBenchmark(
                        new Options(url, users, seconds, channelsShare, groups, streams, hubPid, postgresData))
                .run();
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.printf(
                Locale.ROOT,
                "messaging benchmark: %s, %d users, %s, %d s closed loop, %.0f%% of messages with channels [\"all\"], %d streams%n",
                options.url(),
                options.users(),
                options.groups() ? "spec mix (private + groups of 5 and 10, alternating)" : "private conversations",
                options.seconds(),
                options.channelsShare() * 100,
                options.streams());
        BenchConversations setup = BenchConversations.create(http, options.users(), options.groups());
        HubStats stats = options.hubPid() > 0 ? new HubStats(options.hubPid(), options.postgresData()) : null;
        try (StreamListeners streams = StreamListeners.open(options.url(), setup.tokens, options.streams())) {
            double[] cpuBefore = stats == null ? null : stats.cpuSeconds();
            long generatorBefore = generatorCpuNanos();
            ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            Instant startedAt = Instant.now();
            double elapsed = load(setup, sent, errors);
            double[] cpuAfter = stats == null ? null : stats.cpuSeconds();
            long generatorNanos = generatorCpuNanos() - generatorBefore;
            double heap = stats == null ? -1 : stats.liveHeapMiB();

            long[] post = sent.stream().mapToLong(Sent::postNanos).sorted().toArray();
            double throughput = post.length / elapsed;
            System.out.printf(
                    Locale.ROOT,
                    "accepted %d messages in %.1f s: %.1f messages/s; POST latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f; errors %d%n",
                    post.length,
                    elapsed,
                    throughput,
                    pct(post, 0.50),
                    pct(post, 0.95),
                    pct(post, 0.99),
                    post.length == 0 ? 0 : post[post.length - 1] / 1e6,
                    errors.get());
            printPostByTenth(sent);
            StringBuilder result = new StringBuilder(String.format(
                    Locale.ROOT,
                    "result: streams=%d throughput=%.1f post_p50=%.1f post_p95=%.1f post_p99=%.1f",
                    options.streams(),
                    throughput,
                    pct(post, 0.50),
                    pct(post, 0.95),
                    pct(post, 0.99)));
            if (stats != null) {
                double hubMs = (cpuAfter[0] - cpuBefore[0]) * 1000 / Math.max(1, post.length);
                double pgMs = (cpuAfter[1] - cpuBefore[1]) * 1000 / Math.max(1, post.length);
                double generatorMs = generatorNanos / 1e6 / Math.max(1, post.length);
                System.out.printf(
                        Locale.ROOT,
                        "CPU per accepted message: hub JVM %.2f ms + PostgreSQL %.2f ms = %.2f ms (%.2f CPU s per 1,000 messages); live heap after GC %.0f MiB;"
                                + " this load generator, on the same cores, %.2f ms%n",
                        hubMs,
                        pgMs,
                        hubMs + pgMs,
                        hubMs + pgMs,
                        heap,
                        generatorMs);
                result.append(String.format(
                        Locale.ROOT,
                        " cpu_ms=%.2f heap_mib=%.0f generator_cpu_ms=%.2f",
                        hubMs + pgMs,
                        heap,
                        generatorMs));
            }

            long[] settled = settle(setup, sent, startedAt, result);
            long failed = settled[0];
            long lost = settled[1];
            long streamLost = options.streams() > 0 ? reportStreams(streams, sent, result) : 0;
            System.out.printf(
                    "check: %d accepted, %d DELIVERED, %d FAILED, %d not final after %d s (lost), %d request errors%n",
                    post.length, post.length - failed - lost, failed, lost, SETTLE_TIMEOUT.toSeconds(), errors.get());
            System.out.println(result);
            return errors.get() == 0 && lost == 0 && failed == 0 && streamLost == 0;
        }
    }

    /** The closed loop: every user sends, alternating between its conversations, until the time is up. */
    private double load(BenchConversations setup, ConcurrentLinkedQueue<Sent> sent, AtomicLong errors)
            throws Exception {
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(options.seconds()).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(options.users());
        List<Future<?>> loops = new ArrayList<>();
        for (int u = 0; u < options.users(); u++) {
            int user = u;
            loops.add(pool.submit(() -> {
                List<BenchConversations.Conversation> mine = setup.bySender.get(user);
                for (int n = 0; System.nanoTime() < end; n++) {
                    BenchConversations.Conversation conversation = mine.get(n % mine.size());
                    boolean withChannels = ThreadLocalRandom.current().nextDouble() < options.channelsShare();
                    String messageId = UUID.randomUUID().toString();
                    Map<String, Object> payload = Map.of("type", "text", "text", "benchmark message " + messageId);
                    Map<String, Object> body = withChannels
                            ? Map.of(
                                    "message_id",
                                    messageId,
                                    "conversation_id",
                                    conversation.id(),
                                    "from",
                                    setup.userIds[user],
                                    "channels",
                                    List.of("all"),
                                    "payload",
                                    payload)
                            : Map.of(
                                    "message_id",
                                    messageId,
                                    "conversation_id",
                                    conversation.id(),
                                    "from",
                                    setup.userIds[user],
                                    "payload",
                                    payload);
                    long t0 = System.nanoTime();
                    try {
                        http.call("POST", "/v1/messages", setup.tokens[user], body, 200);
                        sent.add(new Sent(
                                messageId, user, conversation, System.nanoTime() - t0, withChannels, t0 - start));
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
        return (System.nanoTime() - start) / 1e9;
    }

    /** Reads every message back until final; prints delivery latency and backlog. Returns {failed, not final}. */
    private long[] settle(
            BenchConversations setup, ConcurrentLinkedQueue<Sent> sent, Instant startedAt, StringBuilder result)
            throws Exception {
        List<Long> inApp = new ArrayList<>();
        List<Long> channel = new ArrayList<>();
        long lost = 0;
        long failed = 0;
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        List<Instant> acceptedTimes = new ArrayList<>();
        List<Instant> deliveredTimes = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        List<Future<JsonNode>> reads = new ArrayList<>();
        for (Sent s : sent) {
            reads.add(readers.submit(() -> awaitFinal(s.messageId(), setup.tokens[s.sender()], deadline)));
        }
        int index = 0;
        for (Sent s : sent) {
            JsonNode message = reads.get(index++).get();
            String status = message == null ? "" : message.path("status").asText();
            if (!"DELIVERED".equals(status)) {
                if ("FAILED".equals(status)) {
                    failed++;
                } else {
                    lost++;
                }
                continue;
            }
            Instant accepted = at(message, "ACCEPTED");
            Instant delivered = at(message, "DELIVERED");
            if (accepted != null && delivered != null) {
                (s.withChannels() ? channel : inApp)
                        .add(Duration.between(accepted, delivered).toNanos());
                acceptedTimes.add(accepted);
                deliveredTimes.add(delivered);
            }
        }
        readers.shutdown();
        long[] inAppSorted = report("in-app", inApp);
        result.append(String.format(
                Locale.ROOT,
                " delivery_inapp_p50=%.1f delivery_inapp_p95=%.1f",
                pct(inAppSorted, 0.5),
                pct(inAppSorted, 0.95)));
        if (options.channelsShare() > 0) {
            long[] channelSorted = report("channels", channel);
            result.append(String.format(
                    Locale.ROOT,
                    " delivery_channels_p50=%.1f delivery_channels_p95=%.1f",
                    pct(channelSorted, 0.5),
                    pct(channelSorted, 0.95)));
        }
        printBacklog(startedAt, acceptedTimes, deliveredTimes);
        return new long[] {failed, lost};
    }

    /**
     * Every member's streams should have heard of each accepted message, and the sender's seen it
     * DELIVERED; waits a little for the last pushes, then counts what is missing.
     */
    private long reportStreams(StreamListeners streams, ConcurrentLinkedQueue<Sent> sent, StringBuilder result)
            throws InterruptedException {
        long deadline = System.nanoTime() + STREAM_SETTLE.toNanos();
        long[] missing;
        do {
            missing = missingEvents(streams, sent);
            if (missing[0] + missing[1] == 0) {
                break;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        long[] message = streams.messagePushNanos.stream()
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
        long[] delivered = streams.deliveredPushNanos.stream()
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
        System.out.printf(
                Locale.ROOT,
                "streams: %d open; push accepted→message event (%d events) ms p50 %.1f p95 %.1f p99 %.1f;"
                        + " DELIVERED→event (%d events) ms p50 %.1f p95 %.1f p99 %.1f; lost %d message events, %d DELIVERED events; %d streams ended early%n",
                streams.size(),
                message.length,
                pct(message, 0.5),
                pct(message, 0.95),
                pct(message, 0.99),
                delivered.length,
                pct(delivered, 0.5),
                pct(delivered, 0.95),
                pct(delivered, 0.99),
                missing[0],
                missing[1],
                streams.endedEarly.get());
        result.append(String.format(
                Locale.ROOT,
                " push_message_p50=%.1f push_message_p95=%.1f push_delivered_p50=%.1f push_delivered_p95=%.1f events_lost=%d",
                pct(message, 0.5),
                pct(message, 0.95),
                pct(delivered, 0.5),
                pct(delivered, 0.95),
                missing[0] + missing[1]));
        return missing[0] + missing[1] + streams.endedEarly.get();
    }

    private static long[] missingEvents(StreamListeners streams, ConcurrentLinkedQueue<Sent> sent) {
        long messages = 0;
        long delivered = 0;
        for (Sent s : sent) {
            for (int member : s.conversation().members()) {
                for (StreamListeners.Listener listener : streams.of(member)) {
                    if (!listener.heard.contains(s.messageId())) {
                        messages++;
                    }
                    if (member == s.sender() && !listener.delivered.contains(s.messageId())) {
                        delivered++;
                    }
                }
            }
        }
        return new long[] {messages, delivered};
    }

    /** CPU time of this JVM so far (the users' loops and the stream listeners): it shares the machine with the hub. */
    private static long generatorCpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(0L);
    }

    /** The message as its sender reads it, once DELIVERED or FAILED (or as it is at the deadline). */
    private JsonNode awaitFinal(String messageId, String token, long deadline) throws Exception {
        while (true) {
            JsonNode message = null;
            HttpResponse<String> response = http.send("GET", "/v1/messages/" + messageId, token, null);
            if (response.statusCode() == 200) {
                message = BenchHttp.JSON.readTree(response.body());
            } else if (response.statusCode() != 404) {
                throw new IllegalStateException("GET message " + response.statusCode() + " " + response.body());
            }
            String status = message == null ? "" : message.path("status").asText();
            if ("DELIVERED".equals(status) || "FAILED".equals(status) || System.nanoTime() > deadline) {
                return message;
            }
            Thread.sleep(200);
        }
    }

    private static Instant at(JsonNode message, String status) {
        for (JsonNode step : message.get("status_history")) {
            if (status.equals(step.get("status").asText())) {
                return Instant.parse(step.get("at").asText());
            }
        }
        return null;
    }

    private static long[] report(String label, List<Long> latencies) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "accepted→DELIVERED %s (%d messages) ms p50 %.1f p95 %.1f p99 %.1f max %.1f%n",
                label,
                sorted.length,
                pct(sorted, 0.50),
                pct(sorted, 0.95),
                pct(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        return sorted;
    }

    /** Accepted but not yet delivered, at each tenth of the run: flat means delivery keeps up. */
    private void printBacklog(Instant startedAt, List<Instant> accepted, List<Instant> delivered) {
        Instant[] a = accepted.toArray(Instant[]::new);
        Instant[] d = delivered.toArray(Instant[]::new);
        Arrays.sort(a);
        Arrays.sort(d);
        StringBuilder line = new StringBuilder(
                "backlog (accepted, not yet delivered; of the messages delivered in the end) at 10%..100% of the run:");
        for (int tenth = 1; tenth <= 10; tenth++) {
            Instant at = startedAt.plusMillis(options.seconds() * 100L * tenth);
            line.append(' ').append(countUpTo(a, at) - countUpTo(d, at));
        }
        System.out.println(line);
    }

    /** POST p95 of the requests started in each tenth of the run: where in the run the slow ones are. */
    private void printPostByTenth(ConcurrentLinkedQueue<Sent> sent) {
        long tenth = Duration.ofSeconds(options.seconds()).toNanos() / 10;
        List<List<Long>> byTenth = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            byTenth.add(new ArrayList<>());
        }
        for (Sent s : sent) {
            byTenth.get((int) Math.min(9, s.sentAfterNanos() / tenth)).add(s.postNanos());
        }
        StringBuilder line = new StringBuilder("POST p95 ms by tenth of the run:");
        for (List<Long> part : byTenth) {
            long[] sorted = part.stream().mapToLong(Long::longValue).sorted().toArray();
            line.append(String.format(Locale.ROOT, " %.0f", pct(sorted, 0.95)));
        }
        System.out.println(line);
    }

    private static int countUpTo(Instant[] sorted, Instant at) {
        int i = Arrays.binarySearch(sorted, at);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
