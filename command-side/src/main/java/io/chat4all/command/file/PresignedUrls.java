package io.chat4all.command.file;

import static io.chat4all.command.file.StorageFailures.storageFailure;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.chat4all.command.file.FileLookups.UploadRow;
import io.chat4all.events.file.FileObjects;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The URLs handed to clients, signed for the store's public address (S3_PUBLIC_ENDPOINT), and the
 * one the hub itself streams a chunk to, signed for the address the hub uses.
 */
@Component
class PresignedUrls {

    private final MinioClient minio;
    private final MinioClient publicPresigner;
    private final String bucket;
    private final FileSettings settings;

    PresignedUrls(MinioClient minio, @Qualifier("publicPresigner") MinioClient publicPresigner, FileSettings settings) {
        this.minio = minio;
        this.publicPresigner = publicPresigner;
        this.bucket = settings.bucket();
        this.settings = settings;
    }

    /** A URL a client can PUT the chunk's bytes to, without a token, until {@link #uploadUrlExpiry}. */
    String uploadUrl(String fileId, Instant uploadExpiresAt, int chunkId, Instant now) {
        return presign(
                publicPresigner,
                Method.PUT,
                FileObjects.chunkKey(fileId, chunkId),
                uploadUrlTtl(uploadExpiresAt, now),
                Map.of());
    }

    String uploadUrl(UploadRow upload, int chunkId, Instant now) {
        return uploadUrl(upload.fileId(), upload.expiresAt(), chunkId, now);
    }

    /** The hub's own PUT of a chunk (the MinIO client's {@code putObject} would buffer a whole part to sign it). */
    String hubUploadUrl(UploadRow upload, int chunkId, Instant now) {
        return presign(
                minio,
                Method.PUT,
                FileObjects.chunkKey(upload.fileId(), chunkId),
                uploadUrlTtl(upload.expiresAt(), now),
                Map.of());
    }

    /** A presigned chunk URL lives {@code upload-url-ttl}, and never past the upload's own expiry. */
    Instant uploadUrlExpiry(Instant uploadExpiresAt, Instant now) {
        return now.plus(uploadUrlTtl(uploadExpiresAt, now));
    }

    /** A URL that downloads the file for {@code download-url-ttl}, offering it under its own name. */
    String downloadUrl(UploadRow upload) {
        Map<String, String> response = new HashMap<>();
        response.put(
                "response-content-disposition",
                "attachment; filename=\"" + upload.filename().replace("\"", "") + "\"");
        if (upload.contentType() != null) {
            response.put("response-content-type", upload.contentType());
        }
        return presign(publicPresigner, Method.GET, upload.objectKey(), settings.downloadUrlTtl(), response);
    }

    private Duration uploadUrlTtl(Instant uploadExpiresAt, Instant now) {
        Duration left = Duration.between(now, uploadExpiresAt);
        return left.compareTo(settings.uploadUrlTtl()) < 0 ? left : settings.uploadUrlTtl();
    }

    private String presign(MinioClient signer, Method method, String key, Duration ttl, Map<String, String> query) {
        try {
            return signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(method)
                    .bucket(bucket)
                    .object(key)
                    .expiry((int) Math.max(1, ttl.toSeconds()))
                    .extraQueryParams(query)
                    .build());
        } catch (Exception e) {
            throw storageFailure("presign " + key, e);
        }
    }
}
