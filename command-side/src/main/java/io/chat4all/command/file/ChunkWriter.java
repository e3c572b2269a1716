package io.chat4all.command.file;

import static io.chat4all.command.file.StorageFailures.storageFailure;
import static io.chat4all.command.file.StorageFailures.unquoted;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import org.springframework.stereotype.Component;

/**
 * Streams a chunk's bytes from the request into its object. The MinIO client's {@code putObject}
 * reads a whole part into memory to sign it, so the hub PUTs to a presigned URL (unsigned payload)
 * in a fixed-length body: the bytes pass through a small buffer and are hashed on the way. The JDK's
 * {@link HttpURLConnection} in streaming mode writes each 128 KiB piece to the socket in one call
 * (OkHttp cut it into 8 KiB writes); warm, that cut the hub's CPU per 8 MiB chunk by about a tenth.
 */
@Component
class ChunkWriter {

    private static final int COPY_BUFFER = 128 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 120_000;

    /**
     * Streams exactly {@code size} bytes of {@code body} to {@code presignedPut}.
     *
     * @return the stored chunk's ETag and the SHA-256 (hex) of its bytes
     * @throws HubException INVALID_CHUNK when the body ends before {@code size} bytes or goes on after them
     */
    StoredBytes write(String fileId, int chunkId, InputStream body, long size, String presignedPut) {
        MessageDigest sha256 = sha256();
        HttpURLConnection put = null;
        try {
            put = (HttpURLConnection) URI.create(presignedPut).toURL().openConnection();
            put.setRequestMethod("PUT");
            put.setDoOutput(true);
            put.setFixedLengthStreamingMode(size);
            put.setRequestProperty("Content-Type", "application/octet-stream");
            put.setConnectTimeout(CONNECT_TIMEOUT_MS);
            put.setReadTimeout(READ_TIMEOUT_MS);
            OutputStream out = put.getOutputStream();
            copy(body, size, sha256, out);
            out.close();
            int status = put.getResponseCode();
            if (status / 100 != 2) {
                put.disconnect();
                throw storageFailure("store chunk " + chunkId + " of " + fileId, new IOException("HTTP " + status));
            }
            String etag = unquoted(put.getHeaderField("ETag"));
            try (InputStream answer = put.getInputStream()) {
                answer.transferTo(OutputStream.nullOutputStream()); // read to its end: the connection is kept
            }
            return new StoredBytes(etag, HexFormat.of().formatHex(sha256.digest()));
        } catch (ChunkSizeException e) {
            put.disconnect(); // the store sees a body cut short and keeps nothing
            throw wrongSize(chunkId, size, e);
        } catch (IOException e) {
            if (put != null) {
                put.disconnect();
            }
            throw storageFailure("store chunk " + chunkId + " of " + fileId, e);
        }
    }

    /**
     * Copies exactly {@code size} bytes, hashing them. The last piece is written only once the body
     * is known to end there, so that a body that goes on never reaches the store complete.
     */
    private static void copy(InputStream body, long size, MessageDigest sha256, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long left = size;
        while (left > 0) {
            int read = readSome(body, buffer, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new ChunkSizeException(size - left);
            }
            left -= read;
            if (left == 0 && readsMore(body)) {
                throw new ChunkSizeException(size + 1);
            }
            sha256.update(buffer, 0, read);
            out.write(buffer, 0, read);
        }
    }

    /** Fills the buffer as far as the body allows: fewer, larger writes to the store. */
    private static int readSome(InputStream body, byte[] buffer, int length) {
        int filled = 0;
        try {
            while (filled < length) {
                int read = body.read(buffer, filled, length - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
            }
        } catch (IOException clientGone) {
            // the client broke off its body: a short chunk, not a storage failure
        }
        return filled == 0 && length > 0 ? -1 : filled;
    }

    private static boolean readsMore(InputStream body) {
        try {
            return body.read() >= 0;
        } catch (IOException clientGone) {
            return false;
        }
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
