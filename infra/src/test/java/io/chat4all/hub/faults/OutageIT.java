package io.chat4all.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FR-046 from outside: the packaged hub on an external broker (or object store) that is killed
 * under traffic and started again. While Kafka is away, new messages get 503 with Retry-After
 * (within 2 s), nothing is half-stored (the client's retry with the same message_id is accepted
 * once), readiness says {@code kafka} DOWN; when it is back the hub accepts again by itself, and
 * every message accepted before, during or after ends DELIVERED. Without object storage the file
 * endpoints answer 503 and messaging goes on. Without PostgreSQL (an external server crashed and
 * started again) sends and reads answer 503 and the hub recovers by itself.
 */
class OutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("faults.outage-seconds", 12));
    private HubProcess hub;
    private ExternalKafka kafka;
    private ExternalS3 s3;
    private ExternalPostgres postgres;

    @AfterEach
    void stopAll() throws Exception {
        if (hub != null) {
            hub.stop();
        }
        if (kafka != null) {
            kafka.kill();
        }
        if (s3 != null) {
            s3.kill();
        }
        if (postgres != null) {
            postgres.crash();
        }
    }

    @Test
    void aBrokerOutageIsAnswered503AndLosesNothing() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "broker-outage-");
        kafka = new ExternalKafka(work);
        kafka.start();
        hub = new HubProcess(work.resolve("data"), "--chat4all.kafka.bootstrap-servers=" + kafka.bootstrapServers());
        hub.start();
        JsonHttp http = new JsonHttp(hub::baseUrl);
        MixedLoad load = new MixedLoad(http, 6, 20);
        load.prepare();
        load.start();
        MixedLoad.pause(4000);

        kafka.kill();
        long killedAt = System.nanoTime();
        double readinessDownAfter = awaitReadiness(http, 503, Duration.ofSeconds(10), killedAt);
        JsonNode readiness =
                http.call("GET", "/actuator/health/readiness", null, null).body();
        assertThat(readiness.at("/components/kafka/status").asText())
                .as(readiness.toString())
                .isEqualTo("DOWN");
        MixedLoad.pause(OUTAGE.toMillis() - (System.nanoTime() - killedAt) / 1_000_000);
        // The outage ends when the restart begins: start() returns once the broker answers, and the
        // hub may see it (and rightly accept) a moment before that.
        long restartAt = System.nanoTime();
        kafka.start();
        long backAt = System.nanoTime();
        double readinessUpAfter = awaitReadiness(http, 200, Duration.ofSeconds(30), backAt);
        MixedLoad.pause(4000);
        load.stop();

        List<MixedLoad.Answer> answers = load.answers();
        long accepted503Window = answers.stream()
                .filter(a -> a.status() == 200 && a.sentAt() > killedAt + 2_000_000_000L && a.at() < restartAt)
                .count();
        assertThat(answers.stream().filter(a -> a.status() == 503).map(MixedLoad.Answer::retryAfter))
                .as("every 503 says when to retry")
                .allMatch(r -> r != null && r.matches("\\d+"));
        double first503 = load.secondsToFirst(503, killedAt);
        double first200 = load.secondsToFirst(200, backAt);
        Outcome outcome =
                Outcome.awaitSettled(http, load.readerTokenByConversation(), load.accepted(), Duration.ofSeconds(60));
        System.out.printf(
                "kafka outage of %d s: first 503 %.2f s after the kill, readiness DOWN after %.2f s; %d answers 503; "
                        + "readiness UP %.2f s and first 200 %.2f s after the broker was back; %s%n",
                OUTAGE.toSeconds(), first503, readinessDownAfter, load.count(503), readinessUpAfter, first200, outcome);
        assertThat(accepted503Window)
                .as("messages accepted more than 2 s into the outage")
                .isZero();
        assertThat(first503).as("seconds to the first 503").isLessThan(2.5);
        assertThat(first200)
                .as("seconds from the broker's return to the first 200")
                .isLessThan(15);
        assertThat(load.unexpectedAnswers()).isEmpty();
        outcome.assertEveryMessageDeliveredOnce("a broker outage");
    }

    @Test
    void withoutObjectStorageTheFileEndpointsAnswer503AndMessagingGoesOn() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "storage-outage-");
        s3 = new ExternalS3(work);
        s3.start();
        hub = new HubProcess(
                work.resolve("data"),
                "--chat4all.s3.endpoint=" + s3.endpoint(),
                "--chat4all.s3.access-key=" + ExternalS3.ACCESS_KEY,
                "--chat4all.s3.secret-key=" + ExternalS3.SECRET_KEY);
        hub.start();
        JsonHttp http = new JsonHttp(hub::baseUrl);
        MixedLoad load = new MixedLoad(http, 4, 50);
        load.prepare();
        String token = load.firstUserToken();
        load.start();
        MixedLoad.pause(2000);

        s3.kill();
        long killedAt = System.nanoTime();
        JsonNode initiated = http.ok("POST", "/v1/files/initiate", token, Map.of("filename", "later.bin", "size", 10));
        String fileId = initiated.get("file_id").asText(); // initiating records the upload; it needs no storage
        JsonHttp.Answer chunk = awaitStatus(
                () -> http.callBytes(
                        "PATCH", "/v1/files/upload?file_id=" + fileId + "&chunk_id=0", token, new byte[10]),
                503,
                Duration.ofSeconds(10));
        double first503 = (System.nanoTime() - killedAt) / 1e9;
        assertThat(chunk.header("Content-Type")).startsWith("application/problem+json");
        assertThat(chunk.body().path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(chunk.header("Retry-After")).matches("\\d+");
        assertStatus(http.call("GET", "/v1/files/" + fileId, token, null), 503);
        assertStatus(
                http.call("POST", "/v1/files/complete", token, Map.of("file_id", fileId, "checksum", "0".repeat(64))),
                503);
        MixedLoad.pause(3000);
        s3.start();
        long backAt = System.nanoTime();
        awaitStatus(
                () -> http.callBytes(
                        "PATCH", "/v1/files/upload?file_id=" + fileId + "&chunk_id=0", token, new byte[10]),
                200,
                Duration.ofSeconds(20));
        double first200 = (System.nanoTime() - backAt) / 1e9;
        assertStatus(
                http.call(
                        "POST",
                        "/v1/files/complete",
                        token,
                        Map.of(
                                "file_id",
                                fileId,
                                "checksum",
                                "01d448afd928065458cf670b60f5a594d735af0172c8d67f22a81680132681ca")),
                200); // SHA-256 of 10 zero bytes
        load.stop();

        Outcome outcome =
                Outcome.awaitSettled(http, load.readerTokenByConversation(), load.accepted(), Duration.ofSeconds(30));
        System.out.printf(
                "object storage outage: first 503 %.2f s after the kill, first 200 %.2f s after it was back; "
                        + "messaging meanwhile: %s; answers 503: %d%n",
                first503, first200, outcome, load.count(503));
        assertThat(load.answers()).as("messaging is not affected").noneMatch(a -> a.status() != 200);
        assertThat(load.unexpectedAnswers()).isEmpty();
        outcome.assertEveryMessageDeliveredOnce("an object storage outage");
    }

    @Test
    void aDatabaseOutageIsAnswered503AndLosesNothing() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "database-outage-");
        postgres = new ExternalPostgres(work);
        postgres.start();
        hub = new HubProcess(
                work.resolve("data"),
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=");
        hub.start();
        JsonHttp http = new JsonHttp(hub::baseUrl);
        MixedLoad load = new MixedLoad(http, 4, 20);
        load.prepare();
        String token = load.firstUserToken();
        load.start();
        MixedLoad.pause(3000);

        postgres.crash();
        long crashedAt = System.nanoTime();
        awaitStatus(() -> http.call("GET", "/v1/conversations", token, null), 503, Duration.ofSeconds(10));
        double readsRefusedAfter = (System.nanoTime() - crashedAt) / 1e9;
        MixedLoad.pause(6000);
        postgres.start();
        long backAt = System.nanoTime();
        awaitStatus(() -> http.call("GET", "/v1/conversations", token, null), 200, Duration.ofSeconds(30));
        double readsBackAfter = (System.nanoTime() - backAt) / 1e9;
        MixedLoad.pause(4000);
        load.stop();

        double first503 = load.secondsToFirst(503, crashedAt);
        double first200 = load.secondsToFirst(200, backAt);
        assertThat(load.unexpectedAnswers())
                .as("answers other than 200 accepted or 503")
                .isEmpty();
        Outcome outcome =
                Outcome.awaitSettled(http, load.readerTokenByConversation(), load.accepted(), Duration.ofSeconds(60));
        System.out.printf(
                "database outage: first 503 to a send %.2f s and to a read %.2f s after the crash; %d answers 503; "
                        + "first 200 to a send %.2f s and to a read %.2f s after it was back; %s%n",
                first503, readsRefusedAfter, load.count(503), first200, readsBackAfter, outcome);
        outcome.assertEveryMessageDeliveredOnce("a database outage");
    }

    private interface Call {
        JsonHttp.Answer call() throws IOException;
    }

    private static JsonHttp.Answer awaitStatus(Call call, int status, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        JsonHttp.Answer answer = call.call();
        while (answer.status() != status && System.nanoTime() < deadline) {
            MixedLoad.pause(200);
            answer = call.call();
        }
        assertStatus(answer, status);
        return answer;
    }

    private static void assertStatus(JsonHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(status);
        if (status == 503) {
            assertThat(answer.header("Retry-After")).matches("\\d+");
            assertThat(answer.body().path("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        }
    }

    /** Seconds from {@code since} until readiness answers {@code status}. */
    private static double awaitReadiness(JsonHttp http, int status, Duration within, long since) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (http.call("GET", "/actuator/health/readiness", null, null).status() != status) {
            assertThat(System.nanoTime())
                    .as("readiness " + status + " within " + within)
                    .isLessThan(deadline);
            MixedLoad.pause(100);
        }
        return (System.nanoTime() - since) / 1e9;
    }
}
