package io.chat4all.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SC-011 under the spec's mix: the packaged hub is killed with SIGKILL at random moments while
 * users send (private and group conversations, in-app and {@code ["all"]}) and a file upload is
 * in the middle of its chunks, and started again on the same data each time. Every message the
 * hub answered {@code accepted} must end DELIVERED within 30 s of the last restart's readiness,
 * once in its conversation, none FAILED (every channel is healthy: a crash of the hub alone
 * never fails a message); every chunk acknowledged before a kill is still there, and the upload
 * completes and verifies afterwards. The delivery deadline is the default 30 s: time the hub is
 * down must not count against it.
 *
 * <p>CI runs the smallest convincing size (two kills, 8 users); {@code infra/bench/faults.sh}
 * runs it longer ({@code -Dfaults.kills}, {@code -Dfaults.users}, {@code -Dfaults.gap-seconds}, {@code -Dfaults.seed}).
 */
class KilledHubUnderLoadIT {

    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(30);
    private HubProcess hub;

    @AfterEach
    void stopHub() throws InterruptedException {
        if (hub != null) {
            hub.stop();
        }
    }

    @Test
    void everyAcceptedMessageIsDeliveredOnceAfterKillsUnderMixedLoad() throws Exception {
        int kills = Integer.getInteger("faults.kills", 2);
        int users = Integer.getInteger("faults.users", 8);
        int gapSeconds = Integer.getInteger("faults.gap-seconds", 5); // load before each kill: 2 s up to this
        long seed = Long.getLong("faults.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf(
                "faults: %d kills, %d users, 2..%d s of load before each, seed %d%n", kills, users, gapSeconds, seed);

        Path work = Files.createTempDirectory(Path.of("target"), "killed-under-load-");
        hub = new HubProcess(work.resolve("data"));
        hub.start();
        JsonHttp http = new JsonHttp(hub::baseUrl);
        MixedLoad load = new MixedLoad(http, users, 20);
        load.prepare();
        UploadInProgress upload =
                new UploadInProgress(http, hub::baseUrl, load.firstUserToken(), 4 + kills * gapSeconds / 2, seed, 700);
        load.start();
        upload.start();

        long lastReady = 0;
        for (int kill = 1; kill <= kills; kill++) {
            MixedLoad.pause(2000 + random.nextInt(Math.max(1, gapSeconds * 1000 - 2000))); // a random moment under load
            Set<Integer> acknowledgedBeforeKill = upload.acknowledged();
            int acceptedBeforeKill = load.accepted().size();
            hub.kill();
            long killedAt = System.nanoTime();
            // The last restart also rebuilds the read model (replay at start): ready only once it has caught up.
            hub.start(kill == kills ? new String[] {"--chat4all.replay.on-start=true"} : new String[0]);
            lastReady = System.nanoTime();
            System.out.printf(
                    "kill %d: %d messages accepted before it, %d chunks acknowledged; restarted and ready in %.1f s%n",
                    kill, acceptedBeforeKill, acknowledgedBeforeKill.size(), (lastReady - killedAt) / 1e9);
            assertThat(upload.received())
                    .as("chunks acknowledged before kill " + kill)
                    .containsAll(acknowledgedBeforeKill);
        }
        MixedLoad.pause(2000 + random.nextInt(2000)); // and more load on the restarted hub
        load.stop();
        assertThat(upload.awaitCompleted(Duration.ofSeconds(60)))
                .as("the upload completes after the kills")
                .isIn("200 COMPLETED", "409 UPLOAD_NOT_OPEN after a lost answer; status COMPLETED");
        String fileMessage = UUID.randomUUID().toString();
        load.send(
                load.firstUserToken(),
                Map.of(
                        "message_id",
                        fileMessage,
                        "conversation_id",
                        load.firstGroup(),
                        "from",
                        load.firstUserId(),
                        "channels",
                        List.of("all"),
                        "payload",
                        Map.of("type", "file", "file_id", upload.fileId())));

        assertThat(load.unexpectedAnswers())
                .as("answers other than 200 accepted or 503")
                .isEmpty();
        assertThat(load.accepted()).containsKey(fileMessage);
        Duration left = SETTLE_WITHIN.minusNanos(System.nanoTime() - lastReady);
        Outcome outcome = Outcome.awaitSettled(http, load.readerTokenByConversation(), load.accepted(), left);
        double settledAfter = (System.nanoTime() - lastReady) / 1e9;
        System.out.printf("faults: %s; all final %.1f s after the last restart was ready%n", outcome, settledAfter);
        outcome.assertEveryMessageDeliveredOnce("within 30 s of the last restart's readiness");
        assertThat(Files.readString(work.resolve("hub.log")))
                .as("the last restart rebuilt the read model before it was ready")
                .contains("Replay of the read model done");
    }
}
