package io.chat4all.command.file;

import static io.chat4all.command.file.StorageFailures.storageFailure;
import static io.chat4all.command.file.StorageFailures.unquoted;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.springframework.stereotype.Component;

/**
 * Streams a chunk's bytes from the request into its object. The MinIO client's {@code putObject}
 * reads a whole part into memory to sign it, so the hub PUTs to a presigned URL (unsigned payload)
 * in a fixed-length body: the bytes pass through a small buffer and are hashed on the way.
 */
@Component
class ChunkWriter {

    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final int COPY_BUFFER = 128 * 1024;

    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(10, TimeUnit.SECONDS)
            .writeTimeout(2, TimeUnit.MINUTES)
            .readTimeout(2, TimeUnit.MINUTES)
            .build();

    /**
     * Streams exactly {@code size} bytes of {@code body} to {@code presignedPut}.
     *
     * @return the stored chunk's ETag and the SHA-256 (hex) of its bytes
     * @throws HubException INVALID_CHUNK when the body ends before {@code size} bytes or goes on after them
     */
    StoredBytes write(String fileId, int chunkId, InputStream body, long size, String presignedPut) {
        MessageDigest sha256 = sha256();
        Request request = new Request.Builder()
                .url(presignedPut)
                .put(new FixedLengthBody(body, size, sha256))
                .build();
        String etag;
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw storageFailure(
                        "store chunk " + chunkId + " of " + fileId, new IOException("HTTP " + response.code()));
            }
            etag = unquoted(response.header("ETag"));
        } catch (ChunkSizeException e) {
            throw wrongSize(chunkId, size, e);
        } catch (IOException e) {
            if (e.getCause() instanceof ChunkSizeException wrong) {
                throw wrongSize(chunkId, size, wrong);
            }
            throw storageFailure("store chunk " + chunkId + " of " + fileId, e);
        }
        return new StoredBytes(etag, HexFormat.of().formatHex(sha256.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HubException wrongSize(int chunkId, long expected, ChunkSizeException e) {
        return new HubException(
                HubError.INVALID_CHUNK,
                "Chunk " + chunkId + " must be exactly " + expected + " bytes, got "
                        + (e.received() > expected ? "more" : "only " + e.received()));
    }

    /** A chunk just stored: the store's ETag, and the SHA-256 computed while streaming. */
    record StoredBytes(String etag, String sha256) {}

    /** Exactly {@code size} bytes of the client's body, hashed as they pass; a body of another length fails the PUT. */
    private static final class FixedLengthBody extends RequestBody {
        private final InputStream body;
        private final long size;
        private final MessageDigest sha256;

        FixedLengthBody(InputStream body, long size, MessageDigest sha256) {
            this.body = body;
            this.size = size;
            this.sha256 = sha256;
        }

        @Override
        public MediaType contentType() {
            return OCTET_STREAM;
        }

        @Override
        public long contentLength() {
            return size;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] buffer = new byte[COPY_BUFFER];
            long left = size;
            while (left > 0) {
                int read;
                try {
                    read = body.read(buffer, 0, (int) Math.min(buffer.length, left));
                } catch (IOException clientGone) {
                    read = -1; // the client broke off its body: a short chunk, not a storage failure
                }
                if (read < 0) {
                    throw new ChunkSizeException(size - left);
                }
                sha256.update(buffer, 0, read);
                sink.write(buffer, 0, read);
                left -= read;
            }
            if (readsMore(body)) {
                // Fail the PUT before its last byte is flushed, so that the store does not keep it.
                throw new ChunkSizeException(size + 1);
            }
        }

        private static boolean readsMore(InputStream body) {
            try {
                return body.read() >= 0;
            } catch (IOException clientGone) {
                return false;
            }
        }
    }

    /** A chunk body shorter or longer than its agreed size; {@code received} counts what came. */
    private static final class ChunkSizeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long received;

        ChunkSizeException(long received) {
            super("chunk body of the wrong size", null);
            this.received = received;
        }

        long received() {
            return received;
        }
    }
}
