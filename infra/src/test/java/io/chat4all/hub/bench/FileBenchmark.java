package io.chat4all.hub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Upload benchmark: files of the given sizes uploaded in chunks through {@code PATCH
 * /v1/files/upload} and through presigned URLs, then completed (the hub joins the chunks and
 * checks the SHA-256 of the stored bytes). Prints MB/s per upload, the time of {@code complete},
 * the hub's heap (sampled while uploading, and after a full GC before and after all uploads),
 * and whether each download hashes to the same SHA-256.
 *
 * <pre>
 * ./mvnw -q -pl infra exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.chat4all.hub.bench.FileBenchmark \
 *   -Dexec.args="--url http://localhost:8080 --hub-pid 1234 --sizes 100M,1G --modes patch,presigned --big 2G"
 * </pre>
 * Exit code 1 when an upload, a completion or a verification failed.
 */
public final class FileBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1024 * 1024;
    private static final Pattern HEAP_USED =
            Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)$", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final OkHttpClient okHttp = new OkHttpClient.Builder()
            .readTimeout(Duration.ofMinutes(2))
            .writeTimeout(Duration.ofMinutes(2))
            .build();
    private final String url;
    private final long hubPid;
    private final int chunkSize;
    private final int streams;
    private final ThreadLocal<byte[]> sendBuffer = ThreadLocal.withInitial(() -> new byte[0]);
    private final byte[] pattern;
    private String token;

    private FileBenchmark(String url, long hubPid, int chunkSize, int streams) {
        this.url = url;
        this.hubPid = hubPid;
        this.chunkSize = chunkSize;
        this.streams = streams;
        this.pattern = new byte[chunkSize];
        new Random(42).nextBytes(pattern);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "--url",
                "http://localhost:8080",
                "--hub-pid",
                "0",
                "--sizes",
                "100M,1G",
                "--modes",
                "patch,presigned",
                "--big",
                "2G",
                "--chunk-mib",
                "8",
                "--streams",
                "1",
                "--warmup",
                "256M"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        FileBenchmark bench = new FileBenchmark(
                options.get("--url"),
                Long.parseLong(options.get("--hub-pid")),
                (int) (Integer.parseInt(options.get("--chunk-mib")) * MIB),
                Integer.parseInt(options.get("--streams")));
        boolean ok;
        try {
            ok = bench.run(
                    List.of(options.get("--sizes").split(",")),
                    List.of(options.get("--modes").split(",")),
                    options.get("--big"),
                    options.get("--warmup"));
        } catch (Exception e) {
            System.out.println("check: FAILED, " + e);
            ok = false;
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean run(List<String> sizes, List<String> modes, String big, String warmup) throws Exception {
        token = call("POST", "/auth/token", null, "{\"username\":\"user001\",\"password\":\"chat4all\"}", 200)
                .get("access_token")
                .asText();
        System.out.printf(
                Locale.ROOT, "files: chunk %d MiB, %d stream(s) per PATCH upload%n", chunkSize / MIB, streams);
        if (!"0".equals(warmup)) {
            System.out.println("warm-up (not reported):");
            upload(parseSize(warmup), "patch", false);
            upload(parseSize(warmup), "presigned", false);
        }
        double heapBefore = heapAfterGc();
        System.out.printf(Locale.ROOT, "heap after GC, before the uploads: %.1f MB%n", heapBefore / MIB);
        boolean ok = true;
        for (String size : sizes) {
            for (String mode : modes) {
                ok &= upload(parseSize(size), mode, false);
            }
        }
        if (!big.isBlank() && !"0".equals(big)) {
            ok &= upload(parseSize(big), "patch", true);
        }
        double heapAfter = heapAfterGc();
        System.out.printf(
                Locale.ROOT,
                "heap after GC, after the uploads: %.1f MB (%+.1f MB)%n",
                heapAfter / MIB,
                (heapAfter - heapBefore) / MIB);
        System.out.println("check: " + (ok ? "every upload completed and verified" : "FAILED"));
        return ok;
    }

    private boolean upload(long size, String mode, boolean download) throws Exception {
        int totalChunks = (int) ((size + chunkSize - 1) / chunkSize);
        String sha256 = sha256(size, totalChunks);
        long initiateStart = System.nanoTime();
        JsonNode initiated = call(
                "POST",
                "/v1/files/initiate",
                token,
                JSON.writeValueAsString(
                        Map.of("filename", "bench-" + size + ".bin", "size", size, "chunk_size", chunkSize)),
                201);
        double initiateMs = (System.nanoTime() - initiateStart) / 1e6;
        String fileId = initiated.get("file_id").asText();

        HeapSampler sampler = new HeapSampler();
        Thread sampling = new Thread(sampler, "heap-sampler");
        sampling.setDaemon(true);
        sampling.start();
        long start = System.nanoTime();
        Duration cpuBefore = hubCpu();
        if ("presigned".equals(mode)) {
            String next = initiated.get("upload_url").asText();
            for (int chunk = 0; chunk < totalChunks; chunk++) {
                int put = sendBytes("PUT", next, null, chunkToSend(chunk, size, totalChunks));
                check(put == 200, "presigned PUT answered " + put);
                JsonNode status = call("GET", "/v1/files/" + fileId, token, null, 200);
                next = status.get("next_upload_url").asText(null);
                check(chunk == totalChunks - 1 || next != null, "no next_upload_url after chunk " + chunk);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(streams);
            List<Future<?>> sends = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                int first = s;
                sends.add(pool.submit(() -> {
                    for (int chunk = first; chunk < totalChunks; chunk += streams) {
                        int patch = sendBytes(
                                "PATCH",
                                url + "/v1/files/upload?file_id=" + fileId + "&chunk_id=" + chunk,
                                token,
                                chunkToSend(chunk, size, totalChunks));
                        check(patch == 200, "PATCH answered " + patch);
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> send : sends) {
                    send.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        double hubCpuMsPerChunk = (hubCpu().minus(cpuBefore)).toNanos() / 1e6 / totalChunks;
        long completeStart = System.nanoTime();
        JsonNode completed = call(
                "POST",
                "/v1/files/complete",
                token,
                JSON.writeValueAsString(Map.of("file_id", fileId, "checksum", sha256)),
                200);
        double completeSeconds = (System.nanoTime() - completeStart) / 1e9;
        sampler.stop.set(true);
        sampling.join();
        boolean ok = "COMPLETED".equals(completed.get("status").asText())
                && sha256.equals(completed.get("checksum").asText());
        String verified = "";
        if (download) {
            HttpResponse<String> redirect = send("GET", "/v1/files/" + fileId + "/download", token, null);
            String downloaded =
                    sha256OfDownload(redirect.headers().firstValue("Location").orElseThrow());
            ok &= sha256.equals(downloaded);
            verified = ", download SHA-256 " + (sha256.equals(downloaded) ? "matches" : "DIFFERS");
        }
        System.out.printf(
                Locale.ROOT,
                "%-9s %6d MiB: upload %.1f MB/s (%.1f s, %d chunks), initiate %.0f ms, complete %.2f s"
                        + " (%.0f MB/s joined and hashed), hub CPU %.1f ms per chunk uploaded, hub heap peak %.0f MB%s: %s%n",
                mode,
                size / MIB,
                size / MIB / uploadSeconds,
                uploadSeconds,
                totalChunks,
                initiateMs,
                completeSeconds,
                size / MIB / completeSeconds,
                hubCpuMsPerChunk,
                sampler.peak / MIB,
                verified,
                ok ? "ok" : "FAILED");
        return ok;
    }

    /**
     * Sends a chunk in one fixed-length body, through OkHttp: the JDK HttpClient's publisher
     * slices a body into 16 KiB buffers and capped this client near 90 MB/s here.
     */
    private int sendBytes(String method, String target, String bearer, byte[] bytes) throws IOException {
        Request.Builder request = new Request.Builder()
                .url(target)
                .method(method, RequestBody.create(bytes, MediaType.get("application/octet-stream")));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try (Response response = okHttp.newCall(request.build()).execute()) {
            return response.code();
        }
    }

    /** Chunk {@code i}: the pattern with the chunk number in its first bytes, cut to the chunk's length. */
    private byte[] chunk(int i, long size, int totalChunks) {
        int length = (int) (i < totalChunks - 1 ? chunkSize : size - (long) chunkSize * (totalChunks - 1));
        byte[] bytes = new byte[length];
        System.arraycopy(pattern, 0, bytes, 0, length);
        ByteBuffer.wrap(bytes).putInt(0, i);
        return bytes;
    }

    /**
     * The same bytes as {@link #chunk}, in a buffer the sending thread reuses: only the chunk
     * number changes between full chunks. A client streams its file from disk; allocating and
     * filling 8 MiB per chunk would time this client, not the hub.
     */
    private byte[] chunkToSend(int i, long size, int totalChunks) {
        if (i == totalChunks - 1) {
            return chunk(i, size, totalChunks);
        }
        byte[] bytes = sendBuffer.get();
        if (bytes.length != chunkSize) {
            bytes = Arrays.copyOf(pattern, chunkSize);
            sendBuffer.set(bytes);
        }
        ByteBuffer.wrap(bytes).putInt(0, i);
        return bytes;
    }

    private String sha256(long size, int totalChunks) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < totalChunks; i++) {
            digest.update(chunk(i, size, totalChunks));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String sha256OfDownload(String location) throws Exception {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(URI.create(location)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The CPU the hub's process (its JVM, with the embedded S3 server and Kafka broker) has used so
     * far: on a shared machine a steadier figure than MB/s, which the other tenants' load moves.
     */
    private Duration hubCpu() {
        return ProcessHandle.of(hubPid)
                .flatMap(hub -> hub.info().totalCpuDuration())
                .orElse(Duration.ZERO);
    }

    /** The hub's heap in use after a full GC (jcmd GC.run), as its Prometheus endpoint reports it. */
    private double heapAfterGc() throws Exception {
        if (hubPid > 0) {
            new ProcessBuilder("jcmd", Long.toString(hubPid), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
            Thread.sleep(500);
        }
        return heapUsed();
    }

    private double heapUsed() throws IOException, InterruptedException {
        String metrics = send("GET", "/actuator/prometheus", null, null).body();
        Matcher m = HEAP_USED.matcher(metrics);
        double used = 0;
        while (m.find()) {
            used += Double.parseDouble(m.group(1));
        }
        return used;
    }

    private final class HeapSampler implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        volatile double peak;

        @Override
        public void run() {
            while (!stop.get()) {
                try {
                    peak = Math.max(peak, heapUsed());
                    Thread.sleep(250);
                } catch (Exception e) {
                    return;
                }
            }
        }
    }

    private JsonNode call(String method, String path, String bearer, String body, int expected) throws Exception {
        HttpResponse<String> response = send(method, path, bearer, body);
        check(
                response.statusCode() == expected,
                method + " " + path + " answered " + response.statusCode() + " " + response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofMinutes(5))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    private static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = t.endsWith("G") ? 1024 * MIB : t.endsWith("M") ? MIB : 1;
        return Long.parseLong(t.replaceAll("[GM]$", "")) * unit;
    }
}
