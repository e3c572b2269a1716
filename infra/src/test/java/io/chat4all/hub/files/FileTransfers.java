package io.chat4all.hub.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bytes over HTTP as an upload client sends them: chunks as raw bodies or multipart parts to the
 * hub, PUTs to presigned URLs without a token, downloads following nothing automatically. The
 * JSON calls go through {@link io.chat4all.hub.ApiClient}; this is the binary side.
 */
final class FileTransfers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;

    FileTransfers(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    record Answer(int status, Map<String, Object> body, String raw, HttpResponse<?> response) {

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** PATCH /v1/files/upload with the chunk as the raw body. */
    Answer patchChunk(String token, String fileId, Object chunkId, byte[] bytes) {
        return send(HttpRequest.newBuilder(uri("/v1/files/upload?file_id=" + fileId + "&chunk_id=" + chunkId))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /**
     * PATCH /v1/files/upload with the chunk as a streamed body without Content-Length (chunked
     * transfer coding): the hub learns its length only by reading it to its end.
     */
    Answer patchChunkStreamed(String token, String fileId, int chunkId, byte[] bytes) {
        return send(HttpRequest.newBuilder(uri("/v1/files/upload?file_id=" + fileId + "&chunk_id=" + chunkId))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    /** PATCH /v1/files/upload with the chunk as the multipart/form-data part {@code partName}. */
    Answer patchChunkAsPart(String token, String fileId, int chunkId, byte[] bytes, String partName) {
        String boundary = "chunk-boundary-" + chunkId;
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName
                        + "\"; filename=\"chunk\"\r\n" + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + bytes.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bytes, 0, body, head.length, bytes.length);
        System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
        return send(HttpRequest.newBuilder(uri("/v1/files/upload?file_id=" + fileId + "&chunk_id=" + chunkId))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A plain PUT to a presigned object-storage URL: no token, no hub. */
    int putToPresignedUrl(String url, byte[] bytes) {
        return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)))
                .status();
    }

    /** GET without following a redirect. */
    Answer get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** GET an absolute URL (a presigned download) and hash what comes, streaming. */
    String sha256OfDownload(String url) {
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError("download answered " + response.statusCode());
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[1 << 16];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    sha256.update(buffer, 0, read);
                }
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            Map<String, Object> body =
                    raw.trim().startsWith("{") ? JSON.readValue(raw, new TypeReference<>() {}) : Map.of();
            return new Answer(response.statusCode(), body, raw, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** A file's content, made chunk by chunk from a seed, so no test holds a whole file in memory. */
    static final class Content {
        private final long seed;
        private final long size;
        private final int chunkSize;

        Content(long seed, long size, int chunkSize) {
            this.seed = seed;
            this.size = size;
            this.chunkSize = chunkSize;
        }

        long size() {
            return size;
        }

        int chunkSize() {
            return chunkSize;
        }

        int totalChunks() {
            return (int) ((size + chunkSize - 1) / chunkSize);
        }

        byte[] chunk(int chunkId) {
            int length = (int) Math.min(chunkSize, size - (long) chunkId * chunkSize);
            byte[] bytes = new byte[length];
            new Random(seed * 31 + chunkId).nextBytes(bytes);
            return bytes;
        }

        String sha256() {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                for (int i = 0; i < totalChunks(); i++) {
                    sha256.update(chunk(i));
                }
                return HexFormat.of().formatHex(sha256.digest());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
