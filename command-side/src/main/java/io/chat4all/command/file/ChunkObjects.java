package io.chat4all.command.file;

import static io.chat4all.command.file.StorageFailures.storageFailure;
import static io.chat4all.command.file.StorageFailures.unquoted;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.chat4all.events.HubException;
import io.chat4all.events.file.FileObjects;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import org.springframework.stereotype.Component;

/** What the object store holds of an upload (see {@link FileObjects} for the layout), and removing it. */
@Component
class ChunkObjects {

    private final MinioClient minio;
    private final String bucket;

    ChunkObjects(MinioClient minio, FileSettings settings) {
        this.minio = minio;
        this.bucket = settings.bucket();
    }

    /** The chunks the store holds for this upload, sent through the hub or to presigned URLs alike. */
    Map<Integer, StoredChunk> list(String fileId) {
        Map<Integer, StoredChunk> chunks = new HashMap<>();
        try {
            for (Result<Item> result : minio.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket)
                    .prefix(FileObjects.chunkPrefix(fileId))
                    .recursive(true)
                    .build())) {
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

    /** One chunk as the store holds it, if it does: a single HEAD, where a listing would walk them all. */
    Optional<StoredChunk> find(String fileId, int chunkId) {
        return stat(FileObjects.chunkKey(fileId, chunkId))
                .map(stat -> new StoredChunk(chunkId, stat.size(), unquoted(stat.etag())));
    }

    /** The stored object's size, or -1 if there is none. */
    long sizeOf(String key) {
        return stat(key).map(StatObjectResponse::size).orElse(-1L);
    }

    private Optional<StatObjectResponse> stat(String key) {
        try {
            return Optional.of(minio.statObject(
                    StatObjectArgs.builder().bucket(bucket).object(key).build()));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw storageFailure("stat " + key, e);
        } catch (Exception e) {
            throw storageFailure("stat " + key, e);
        }
    }

    void remove(String key) {
        try {
            minio.removeObject(
                    RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw storageFailure("remove " + key, e);
        }
    }

    /** Removes every chunk object of the upload. */
    void removeChunks(String fileId) {
        List<DeleteObject> keys = list(fileId).keySet().stream()
                .map(id -> new DeleteObject(FileObjects.chunkKey(fileId, id)))
                .toList();
        if (keys.isEmpty()) {
            return;
        }
        try {
            for (Result<DeleteError> error : minio.removeObjects(
                    RemoveObjectsArgs.builder().bucket(bucket).objects(keys).build())) {
                DeleteError failed = error.get();
                throw storageFailure("remove " + failed.objectName(), new IOException(failed.message()));
            }
        } catch (HubException e) {
            throw e;
        } catch (Exception e) {
            throw storageFailure("remove the chunks of " + fileId, e);
        }
    }

    /** A chunk as the store holds it. */
    record StoredChunk(int chunkId, long size, String etag) {}
}
