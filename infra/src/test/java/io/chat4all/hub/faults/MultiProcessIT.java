package io.chat4all.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's scale-out run, each part its own OS process from the packaged jar: one {@code infra}
 * process (the embedded PostgreSQL, Kafka and S3 alone), one {@code api}, and two
 * {@code delivery,projections}, the second started under load. The second takes its share of the
 * event processors' segments; then the first is killed with SIGKILL mid-load, and still every
 * message accepted through the {@code api} process (in-app and {@code ["all"]}) ends DELIVERED,
 * listed once, none FAILED; the survivor holds every segment within the claim timeout. Finally the
 * read model is replayed through the operators' endpoint on the survivor: readiness of the
 * {@code api} process goes DOWN meanwhile, and every listing answers exactly as before.
 *
 * <p>Figures printed: messages sent, delivered, failed, lost; delivery p95; the time the second
 * process took to hold its share; the takeover time after the kill; the replay's events per second.
 */
class MultiProcessIT {

    private static final List<String> SHARED = List.of("kafka-outbox", "delivery-router", "read-model");
    private final List<HubProcess> processes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop(); // the hubs first, the infra process (their stack) last
        }
    }

    @Test
    void workSpreadsAndSurvivesTheKillOfADeliveryProcessAndTheReadModelReplaysTheSame() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "multi-process-");
        HubProcess infra = process(work, "infra", List.of("--chat4all.roles=infra"));
        infra.startStack();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        List<String> external = new ArrayList<>(infra.stackAddresses());
        external.add("--chat4all.auth.jwt-secret=" + Base64.getEncoder().encodeToString(secret));
        HubProcess api = process(work, "api", with(external, "--chat4all.roles=api"));
        HubProcess first = process(work, "delivery-1", with(external, "--chat4all.roles=delivery,projections"));
        HubProcess second = process(work, "delivery-2", with(external, "--chat4all.roles=delivery,projections"));
        long t0 = System.nanoTime();
        CompletableFuture<Void> firstUp = CompletableFuture.runAsync(() -> start(first));
        api.start();
        firstUp.join();
        System.out.printf("multi-process: infra, api and delivery-1 ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        JsonHttp http = new JsonHttp(api::baseUrl);
        MixedLoad load = new MixedLoad(http, 6, 20);
        try (Connection db = DriverManager.getConnection(infra.jdbcUrl(), "postgres", "")) {
            // The first holds every segment by now; the second joins (its start is the slow part on
            // two cores, so it starts before the load), then must be handed its share.
            long joining = System.nanoTime();
            second.start();
            double ready = (System.nanoTime() - joining) / 1e9;
            double share = awaitSeconds(
                    Duration.ofSeconds(60),
                    () -> SHARED.stream()
                            .allMatch(p -> 2 * owners(db, p).getOrDefault(owner(second), 0) >= segments(db, p)));
            System.out.printf(
                    "multi-process: delivery-2 ready in %.1f s, holding its half of each of %s %.1f s after%n",
                    ready, SHARED, share);
            assertThat(share)
                    .as("seconds until the second delivery process holds its half of each shared processor's segments")
                    .isLessThan(60);
            JsonHttp.Answer notApi = new JsonHttp(second::baseUrl).call("GET", "/v1/conversations", null, null);
            assertThat(notApi.status())
                    .as("the API on a process without the api role")
                    .isEqualTo(404);
            assertThat(notApi.body().path("code").asText()).isEqualTo("NOT_FOUND");

            load.prepare();
            load.start();
            awaitSeconds(Duration.ofSeconds(30), () -> load.accepted().size() >= 150); // well into the load
            int acceptedBeforeKill = load.accepted().size();
            first.kill();
            long killedAt = System.nanoTime();
            double takeover = awaitSeconds(Duration.ofSeconds(60), () -> everyTokenHeldBy(db, owner(second)));
            System.out.printf(
                    "multi-process: delivery-1 killed after %d accepted; delivery-2 held every segment %.1f s later%n",
                    acceptedBeforeKill, takeover);
            assertThat(takeover)
                    .as("seconds until the survivor holds every segment")
                    .isLessThan(40);
            MixedLoad.pause(
                    Math.max(2000, 6000 - (System.nanoTime() - killedAt) / 1_000_000)); // and on after the takeover
            load.stop();
            double stoppedAfterKill = (System.nanoTime() - killedAt) / 1e9;

            assertThat(load.unexpectedAnswers())
                    .as("answers other than 200 accepted or 503")
                    .isEmpty();
            Outcome outcome = Outcome.awaitSettled(
                    http, load.readerTokenByConversation(), load.accepted(), Duration.ofSeconds(45));
            Map<String, JsonNode> before = listings(http, load.readerTokenByConversation());
            System.out.printf(
                    "multi-process: %s; load ran %.1f s past the kill; delivery p95 %d ms%n",
                    outcome, stoppedAfterKill, deliveryP95Millis(before));
            // The api process answers a send once the projections (elsewhere) show it, for at most 2 s;
            // after the kill, until the survivor takes the dead one's segments over, sends wait that bound.
            List<MixedLoad.Answer> sends = load.answers();
            System.out.printf(
                    "multi-process: POST through the api process p50/p95 ms: %s before the kill, %s after%n",
                    sendMillis(sends.stream().filter(a -> a.sentAt() < killedAt).toList()),
                    sendMillis(
                            sends.stream().filter(a -> a.sentAt() >= killedAt).toList()));
            outcome.assertEveryMessageDeliveredOnce("after the kill of a delivery process");

            JsonHttp survivor = new JsonHttp(second::baseUrl);
            JsonHttp.Answer started = survivor.call("POST", "/actuator/replay", null, null);
            assertThat(started.status()).as(started.response().body()).isEqualTo(202);
            boolean readinessDown = false;
            JsonNode progress;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            do {
                readinessDown |= http.call("GET", "/actuator/health/readiness", null, null)
                                .status()
                        == 503;
                progress = survivor.ok("GET", "/actuator/replay", null, null);
                MixedLoad.pause(50);
            } while (!"done".equals(progress.path("state").asText()) && System.nanoTime() < deadline);
            System.out.printf(
                    "multi-process: replay %s: %d events in %.2f s, %.0f events/s%n",
                    progress.path("state").asText(),
                    progress.path("events").asLong(),
                    progress.path("seconds").asDouble(),
                    progress.path("events_per_second").asDouble());
            assertThat(progress.path("state").asText()).isEqualTo("done");
            assertThat(readinessDown)
                    .as("the api process's readiness DOWN during the replay")
                    .isTrue();
            awaitSeconds(Duration.ofSeconds(30), () -> ready(http));
            assertThat(listings(http, load.readerTokenByConversation()))
                    .as("every listing after the replay")
                    .isEqualTo(before);
        }
    }

    private HubProcess process(Path work, String name, List<String> arguments) throws java.io.IOException {
        Files.createDirectories(work.resolve(name));
        HubProcess process = new HubProcess(work.resolve(name).resolve("data"), arguments.toArray(String[]::new));
        processes.add(process);
        return process;
    }

    private static List<String> with(List<String> arguments, String more) {
        List<String> all = new ArrayList<>(arguments);
        all.add(more);
        return all;
    }

    private static void start(HubProcess process) {
        try {
            process.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String owner(HubProcess process) {
        return process.pid() + "@";
    }

    /** How many segments of {@code processor} each owner holds (by its {@code <pid>@} prefix). */
    private static Map<String, Integer> owners(Connection db, String processor) {
        Map<String, Integer> owners = new LinkedHashMap<>();
        query(db, "select owner from token_entry where processor_name = '" + processor + "'", rs -> {
            String owner = rs.getString(1);
            if (owner != null) {
                owners.merge(owner.substring(0, owner.indexOf('@') + 1), 1, Integer::sum);
            }
        });
        return owners;
    }

    private static int segments(Connection db, String processor) {
        int[] count = {0};
        query(db, "select 1 from token_entry where processor_name = '" + processor + "'", rs -> count[0]++);
        return count[0];
    }

    private static boolean everyTokenHeldBy(Connection db, String owner) {
        List<String> others = new ArrayList<>();
        query(db, "select processor_name, owner from token_entry", rs -> {
            String holder = rs.getString(2);
            if (holder == null || !holder.startsWith(owner)) {
                others.add(rs.getString(1) + "=" + holder);
            }
        });
        return others.isEmpty();
    }

    private interface Row {
        void read(ResultSet rs) throws Exception;
    }

    private static void query(Connection db, String sql, Row row) {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                row.read(rs);
            }
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** Seconds until {@code check} holds, polling every 200 ms; {@code within} plus a little if it never does. */
    private static double awaitSeconds(Duration within, Check check) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < within.toNanos()) {
            if (check.holds()) {
                return (System.nanoTime() - start) / 1e9;
            }
            MixedLoad.pause(200);
        }
        return within.toSeconds() + 1;
    }

    private static boolean ready(JsonHttp http) {
        try {
            return http.call("GET", "/actuator/health/readiness", null, null).status() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Every page of every conversation's listing, as its reader gets it. */
    private static Map<String, JsonNode> listings(JsonHttp http, Map<String, String> readers)
            throws java.io.IOException {
        Map<String, JsonNode> pages = new LinkedHashMap<>();
        for (Map.Entry<String, String> conversation : readers.entrySet()) {
            String cursor = null;
            int page = 0;
            do {
                String path = "/v1/conversations/" + conversation.getKey() + "/messages?limit=200"
                        + (cursor == null
                                ? ""
                                : "&cursor="
                                        + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
                JsonNode answer = http.ok("GET", path, conversation.getValue(), null);
                pages.put(conversation.getKey() + "#" + page++, answer);
                cursor = answer.path("next_cursor").isTextual()
                        ? answer.get("next_cursor").asText()
                        : null;
            } while (cursor != null);
            pages.put(
                    conversation.getKey(),
                    http.ok("GET", "/v1/conversations/" + conversation.getKey(), conversation.getValue(), null));
        }
        return pages;
    }

    /** p50/p95 of the accepted sends' answer times: the api process waits for remote projections (read-your-writes). */
    private static String sendMillis(List<MixedLoad.Answer> answers) {
        List<Long> millis = answers.stream()
                .filter(a -> a.status() == 200)
                .map(a -> (a.at() - a.sentAt()) / 1_000_000)
                .sorted()
                .toList();
        return millis.isEmpty()
                ? "-"
                : millis.get(millis.size() / 2) + "/" + millis.get((int) Math.ceil(millis.size() * 0.95) - 1);
    }

    /** accepted → DELIVERED, from each listed message's status history. */
    private static long deliveryP95Millis(Map<String, JsonNode> listings) {
        List<Long> millis = new ArrayList<>();
        for (JsonNode page : listings.values()) {
            for (JsonNode message : page.path("messages")) {
                java.time.Instant accepted = null, delivered = null;
                for (JsonNode step : message.path("status_history")) {
                    java.time.Instant at =
                            java.time.Instant.parse(step.get("at").asText());
                    switch (step.get("status").asText()) {
                        case "ACCEPTED" -> accepted = at;
                        case "DELIVERED" -> delivered = at;
                        default -> {}
                    }
                }
                if (accepted != null && delivered != null) {
                    millis.add(Duration.between(accepted, delivered).toMillis());
                }
            }
        }
        millis.sort(Long::compare);
        return millis.isEmpty() ? -1 : millis.get((int) Math.ceil(millis.size() * 0.95) - 1);
    }
}
