package io.chat4all.command.file;

import static io.chat4all.command.file.StorageFailures.storageFailure;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import io.chat4all.command.file.ChunkObjects.StoredChunk;
import io.chat4all.events.HubException;
import io.chat4all.events.file.FileObjects;
import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Joins an upload's chunks into one object (a server-side copy, the MinIO client's
 * {@code composeObject}) and computes the SHA-256 of the stored chunk bytes, side by side: the
 * store copies while the hub reads and hashes. Both pin each chunk to the ETag listed, so they see
 * the same bytes, or fail.
 */
@Component
class ChunkJoiner implements DisposableBean {

    private static final int READ_BUFFER = 128 * 1024;

    private final MinioClient minio;
    private final String bucket;
    /** Runs the store's join while the request thread hashes the chunks. */
    private final ExecutorService joiner = DaemonPools.cached("chunk-joiner");

    ChunkJoiner(MinioClient minio, FileSettings settings) {
        this.minio = minio;
        this.bucket = settings.bucket();
    }

    /** @return the SHA-256 (hex) of the joined bytes, now the object {@code targetKey} */
    String joinAndHash(String fileId, List<StoredChunk> chunks, String targetKey) {
        CompletableFuture<Void> composing =
                CompletableFuture.runAsync(() -> compose(fileId, chunks, targetKey), joiner);
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

    private void compose(String fileId, List<StoredChunk> chunks, String targetKey) {
        List<ComposeSource> sources = new ArrayList<>();
        for (StoredChunk chunk : chunks) {
            // s3proxy compares the copy condition with the quoted ETag.
            sources.add(ComposeSource.builder()
                    .bucket(bucket)
                    .object(FileObjects.chunkKey(fileId, chunk.chunkId()))
                    .matchETag("\"" + chunk.etag() + "\"")
                    .build());
        }
        try {
            minio.composeObject(ComposeObjectArgs.builder()
                    .bucket(bucket)
                    .object(targetKey)
                    .sources(sources)
                    .build());
        } catch (Exception e) {
            throw storageFailure("compose " + targetKey, e);
        }
    }

    private String sha256Of(String fileId, List<StoredChunk> chunks) {
        MessageDigest sha256 = ChunkWriter.sha256();
        byte[] buffer = new byte[READ_BUFFER];
        for (StoredChunk chunk : chunks) {
            String key = FileObjects.chunkKey(fileId, chunk.chunkId());
            try (InputStream in = minio.getObject(GetObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .matchETag("\"" + chunk.etag() + "\"")
                    .build())) {
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
}
