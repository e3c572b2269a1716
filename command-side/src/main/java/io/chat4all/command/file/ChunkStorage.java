package io.chat4all.command.file;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import io.chat4all.events.file.FileObjects;
import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * An upload's bytes in the object store, one object per chunk (see {@link FileObjects}), composed
 * into one object at completion. Everything goes through the MinIO client except the chunk
 * bytes themselves: the client's {@code putObject} reads a whole part into memory to sign it,
 * so the hub streams a chunk to the same kind of presigned URL a client may PUT to, whose
 * payload is unsigned, in a fixed-length body: the bytes pass through a small buffer and are
 * hashed on the way.
 */
@Component
class ChunkStorage implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChunkStorage.class);
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final int COPY_BUFFER = 128 * 1024;

    private final MinioClient minio;
    /** Signs the URLs handed to clients, for the store's public address (S3_PUBLIC_ENDPOINT); the hub's own PUTs use {@link #minio}'s. */
    private final MinioClient publicPresigner;
    private final String bucket;
    /** Runs the store's join of a completing upload while the request thread hashes the chunks. */
    private final ExecutorService joiner = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "chunk-joiner");
        thread.setDaemon(true);
        return thread;
    });
    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(10, TimeUnit.SECONDS)
            .writeTimeout(2, TimeUnit.MINUTES)
            .readTimeout(2, TimeUnit.MINUTES)
            .build();

    ChunkStorage(MinioClient minio, @Qualifier("publicPresigner") MinioClient publicPresigner, FileSettings settings) {
        this.minio = minio;
        this.publicPresigner = publicPresigner;
        this.bucket = settings.bucket();
    }

    /** A URL a client can PUT chunk {@code chunkId}'s bytes to, without a token, for {@code ttl}. */
    String uploadUrl(String fileId, int chunkId, Duration ttl) {
        return presign(publicPresigner, Method.PUT, FileObjects.chunkKey(fileId, chunkId), ttl, Map.of());
    }

    /** A URL that downloads the file for {@code ttl}, offering it under its own name. */
    String downloadUrl(String objectKey, String filename, String contentType, Duration ttl) {
        Map<String, String> response = new HashMap<>();
        response.put("response-content-disposition", "attachment; filename=\"" + filename.replace("\"", "") + "\"");
        if (contentType != null) {
            response.put("response-content-type", contentType);
        }
        return presign(publicPresigner, Method.GET, objectKey, ttl, response);
    }

    private String presign(MinioClient signer, Method method, String key, Duration ttl, Map<String, String> query) {
        try {
            return signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(method).bucket(bucket).object(key)
                    .expiry((int) Math.max(1, ttl.toSeconds())).extraQueryParams(query).build());
        } catch (Exception e) {
            throw storageFailure("presign " + key, e);
        }
    }

    /**
     * Streams exactly {@code size} bytes of {@code body} into chunk {@code chunkId}.
     *
     * @return the stored chunk's ETag and the SHA-256 (hex) of its bytes
     * @throws HubException INVALID_CHUNK when the body ends before {@code size} bytes or goes on after them
     */
    StoredBytes putChunk(String fileId, int chunkId, InputStream body, long size, Duration urlTtl) {
        MessageDigest sha256 = sha256();
        DigestInputStream hashed = new DigestInputStream(body, sha256);
        RequestBody stream = new RequestBody() {
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
                        read = hashed.read(buffer, 0, (int) Math.min(buffer.length, left));
                    } catch (IOException clientGone) {
                        read = -1; // the client broke off its body: a short chunk, not a storage failure
                    }
                    if (read < 0) {
                        throw new ChunkSizeException(size - left);
                    }
                    sink.write(buffer, 0, read);
                    left -= read;
                }
                if (readsMore(body)) {
                    // Fail the PUT before its last byte is flushed, so that the store does not keep it.
                    throw new ChunkSizeException(size + 1);
                }
            }
        };
        Request request = new Request.Builder().url(presign(minio, Method.PUT, FileObjects.chunkKey(fileId, chunkId), urlTtl, Map.of())).put(stream).build();
        String etag;
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw storageFailure("store chunk " + chunkId + " of " + fileId, new IOException("HTTP " + response.code()));
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

    /** The chunks the store holds for this upload, sent through the hub or to presigned URLs alike. */
    Map<Integer, StoredChunk> storedChunks(String fileId) {
        Map<Integer, StoredChunk> chunks = new HashMap<>();
        try {
            for (Result<Item> result : minio.listObjects(ListObjectsArgs.builder().bucket(bucket)
                    .prefix(FileObjects.chunkPrefix(fileId)).recursive(true).build())) {
                Item item = result.get();
                int chunkId = FileObjects.chunkIdOf(fileId, item.objectName());
                if (chunkId >= 0) {
                    chunks.put(chunkId, new StoredChunk(chunkId, item.size(), unquoted(item.etag())));
                }
            }
        } catch (Exception e) {
            throw storageFailure("list the chunks of " + fileId, e);
        }
        return chunks;
    }

    /** {@link #storedChunks} on a background thread, for a caller that has other work meanwhile. */
    CompletableFuture<Map<Integer, StoredChunk>> storedChunksMeanwhile(String fileId) {
        return CompletableFuture.supplyAsync(() -> storedChunks(fileId), joiner);
    }

    /** Joins chunks 0..n-1, in order, into the object {@code targetKey} (a server-side copy). */
    private void compose(String fileId, List<StoredChunk> chunks, String targetKey) {
        List<ComposeSource> sources = new ArrayList<>();
        for (StoredChunk chunk : chunks) {
            // s3proxy compares the copy condition with the quoted ETag.
            sources.add(ComposeSource.builder().bucket(bucket).object(FileObjects.chunkKey(fileId, chunk.chunkId()))
                    .matchETag("\"" + chunk.etag() + "\"").build());
        }
        try {
            minio.composeObject(ComposeObjectArgs.builder().bucket(bucket).object(targetKey).sources(sources).build());
        } catch (Exception e) {
            throw storageFailure("compose " + targetKey, e);
        }
    }

    /**
     * Joins the chunks into {@code targetKey} and computes the SHA-256 (hex) of the stored chunk
     * bytes in order, side by side: the store copies while the hub reads and hashes. Both pin
     * each chunk to the ETag listed, so they see the same bytes, or fail.
     *
     * @return the SHA-256 of the joined bytes
     */
    String composeAndHash(String fileId, List<StoredChunk> chunks, String targetKey) {
        CompletableFuture<Void> composing = CompletableFuture.runAsync(() -> compose(fileId, chunks, targetKey), joiner);
        String sha256;
        try {
            sha256 = sha256Of(fileId, chunks);
        } finally {
            try {
                composing.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof HubException hub ? hub : storageFailure("compose " + targetKey, e);
            }
        }
        return sha256;
    }

    private String sha256Of(String fileId, List<StoredChunk> chunks) {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[COPY_BUFFER];
        for (StoredChunk chunk : chunks) {
            String key = FileObjects.chunkKey(fileId, chunk.chunkId());
            try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
                    .matchETag("\"" + chunk.etag() + "\"").build())) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    sha256.update(buffer, 0, read);
                }
            } catch (Exception e) {
                throw storageFailure("read " + key, e);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    @Override
    public void destroy() {
        joiner.shutdownNow();
    }

    /** The stored object's size, or -1 if there is none. */
    long sizeOf(String key) {
        try {
            StatObjectResponse stat = minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return stat.size();
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return -1;
            }
            throw storageFailure("stat " + key, e);
        } catch (Exception e) {
            throw storageFailure("stat " + key, e);
        }
    }

    void remove(String key) {
        try {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw storageFailure("remove " + key, e);
        }
    }

    /** Removes every chunk object of the upload. */
    void removeChunks(String fileId) {
        List<DeleteObject> keys = storedChunks(fileId).keySet().stream()
                .map(id -> new DeleteObject(FileObjects.chunkKey(fileId, id))).toList();
        if (keys.isEmpty()) {
            return;
        }
        try {
            for (Result<DeleteError> error : minio.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(keys).build())) {
                DeleteError failed = error.get();
                throw storageFailure("remove " + failed.objectName(), new IOException(failed.message()));
            }
        } catch (HubException e) {
            throw e;
        } catch (Exception e) {
            throw storageFailure("remove the chunks of " + fileId, e);
        }
    }

    private static boolean readsMore(InputStream body) {
        try {
            return body.read() >= 0;
        } catch (IOException clientGone) {
            return false;
        }
    }

    private static HubException wrongSize(int chunkId, long expected, ChunkSizeException e) {
        return new HubException(HubError.INVALID_CHUNK, "Chunk " + chunkId + " must be exactly " + expected + " bytes, got "
                + (e.received() > expected ? "more" : "only " + e.received()));
    }

    private static String unquoted(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The store failed or is unreachable: logged here, answered 503 (retry later) at the edge. */
    private static HubException storageFailure(String what, Exception cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        log.warn("Object storage failed to {}: {}", what, cause.toString());
        return new HubException(HubError.SERVICE_UNAVAILABLE);
    }

    /** A chunk just stored: the store's ETag, and the SHA-256 computed while streaming. */
    record StoredBytes(String etag, String sha256) {
    }

    /** A chunk as the store holds it. */
    record StoredChunk(int chunkId, long size, String etag) {
    }

    /** A chunk body shorter or longer than its agreed size; {@code received} counts what came. */
    private static final class ChunkSizeException extends IOException {
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
