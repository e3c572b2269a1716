package io.chat4all.hub.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;

/**
 * A chunked upload that goes on while the hub is killed, as a resuming client does it: one chunk
 * after the other with a pause between them; a chunk that got no answer is sent again once the
 * hub is back. The chunks' bytes are reproducible from the seed, so the whole file's SHA-256 is known.
 */
final class UploadInProgress {

    static final int CHUNK_SIZE = 5 * 1024 * 1024;

    private final JsonHttp json;
    private final Supplier<String> baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String token;
    private final int chunks;
    private final long seed;
    private final long pauseMillis;
    private final Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
    private volatile String fileId;
    private volatile String completeAnswer;
    private Thread thread;

    UploadInProgress(JsonHttp json, Supplier<String> baseUrl, String token, int chunks, long seed, long pauseMillis) {
        this.json = json;
        this.baseUrl = baseUrl;
        this.token = token;
        this.chunks = chunks;
        this.seed = seed;
        this.pauseMillis = pauseMillis;
    }

    void start() throws IOException {
        fileId = json.ok(
                        "POST",
                        "/v1/files/initiate",
                        token,
                        Map.of(
                                "filename",
                                "under-fire.bin",
                                "size",
                                (long) CHUNK_SIZE * chunks,
                                "content_type",
                                "application/octet-stream",
                                "chunk_size",
                                CHUNK_SIZE))
                .get("file_id")
                .asText();
        thread = new Thread(this::upload, "upload-in-progress");
        thread.setDaemon(true);
        thread.start();
    }

    /** The chunks the hub acknowledged so far (a copy). */
    Set<Integer> acknowledged() {
        return new TreeSet<>(acknowledged);
    }

    /** The chunks the hub says it holds. */
    Set<Integer> received() throws IOException {
        Set<Integer> received = new TreeSet<>();
        json.ok("GET", "/v1/files/" + fileId, token, null)
                .get("received_chunks")
                .forEach(c -> received.add(c.asInt()));
        return received;
    }

    /**
     * Waits for the last chunk and the completion; returns the complete call's answer ("200 COMPLETED",
     * say), or, when a kill took the answer of a complete that did complete, what the status says then.
     */
    String awaitCompleted(Duration within) throws InterruptedException {
        thread.join(within.toMillis());
        return completeAnswer;
    }

    String fileId() {
        return fileId;
    }

    private void upload() {
        for (int chunk = 0; chunk < chunks; chunk++) {
            while (!acknowledged.contains(chunk)) {
                try {
                    HttpResponse<String> answer = http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl.get() + "/v1/files/upload?file_id=" + fileId
                                            + "&chunk_id=" + chunk))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/octet-stream")
                                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes(chunk)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) {
                        acknowledged.add(chunk);
                    } else {
                        MixedLoad.pause(300);
                    }
                } catch (IOException down) {
                    MixedLoad.pause(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
            MixedLoad.pause(pauseMillis);
        }
        boolean answerLost = false;
        for (int attempt = 0; attempt < 120 && completeAnswer == null; attempt++) {
            try {
                JsonHttp.Answer answer =
                        json.call("POST", "/v1/files/complete", token, Map.of("file_id", fileId, "checksum", sha256()));
                if (answer.status() == 409 && answerLost && "UPLOAD_NOT_OPEN".equals(code(answer))) {
                    // A complete whose answer the kill took may have completed it (API.md: 409 on a
                    // finished upload), as a client learns from the upload's status.
                    completeAnswer = "409 UPLOAD_NOT_OPEN after a lost answer; status "
                            + json.ok("GET", "/v1/files/" + fileId, token, null)
                                    .path("status")
                                    .asText();
                } else if (answer.status() != 503) {
                    completeAnswer =
                            answer.status() + " " + answer.body().path("status").asText();
                }
            } catch (IOException down) {
                answerLost = true;
                MixedLoad.pause(500);
            }
        }
    }

    private static String code(JsonHttp.Answer answer) {
        return answer.body().path("code").asText();
    }

    byte[] bytes(int chunk) {
        byte[] bytes = new byte[CHUNK_SIZE];
        new Random(seed * 31 + chunk).nextBytes(bytes);
        return bytes;
    }

    String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int chunk = 0; chunk < chunks; chunk++) {
                digest.update(bytes(chunk));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
