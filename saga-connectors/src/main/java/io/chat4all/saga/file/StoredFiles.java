package io.chat4all.saga.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.chat4all.events.file.FileObjects;
import io.chat4all.events.file.FileQueries.FileDeliveryCheck;
import io.chat4all.events.file.FileQueries.FileForDelivery;
import io.chat4all.events.file.FileStatus;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Files as the delivery side sees them: whether a file message can be delivered (FR-028), and
 * removing an abandoned upload's chunks. It asks the command side over the query bus and the
 * object store through the MinIO client.
 */
@Component
public class StoredFiles implements FileCheck {

    private final QueryGateway queries;
    private final MinioClient minio;
    private final String bucket;

    StoredFiles(QueryGateway queries, MinioClient minio, FileStorageSettings settings) {
        this.queries = queries;
        this.minio = minio;
        this.bucket = settings.bucket();
    }

    /** The file must be known, shared by someone allowed to, COMPLETED, and its object in storage. */
    @Override
    public Optional<String> undeliverableReason(String fileId, String conversationId) {
        FileDeliveryCheck file = queries.query(new FileForDelivery(fileId, conversationId), FileDeliveryCheck.class)
                .join();
        if (!file.known() || !file.sharedInConversation()) {
            return Optional.of("File " + fileId + " not found");
        }
        if (file.status() != FileStatus.COMPLETED) {
            return Optional.of("File " + fileId + " is not completed (" + file.status() + ")");
        }
        try {
            minio.statObject(StatObjectArgs.builder()
                    .bucket(bucket)
                    .object(file.objectKey())
                    .build());
            return Optional.empty();
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.of("File " + fileId + " not found in storage");
            }
            throw new IllegalStateException(
                    "Object storage refused to stat " + file.objectKey() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Object storage unreachable: " + e, e);
        }
    }

    /** Removes every chunk object of an upload; returns how many there were. */
    int removeChunks(String fileId) throws Exception {
        List<DeleteObject> keys = new ArrayList<>();
        for (Result<Item> item : minio.listObjects(ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(FileObjects.chunkPrefix(fileId))
                .recursive(true)
                .build())) {
            keys.add(new DeleteObject(item.get().objectName()));
        }
        if (!keys.isEmpty()) {
            for (Result<DeleteError> error : minio.removeObjects(
                    RemoveObjectsArgs.builder().bucket(bucket).objects(keys).build())) {
                throw new IllegalStateException("Could not remove "
                        + error.get().objectName() + ": " + error.get().message());
            }
        }
        return keys.size();
    }
}
