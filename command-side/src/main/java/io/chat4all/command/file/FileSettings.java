package io.chat4all.command.file;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Chunked uploads.
 *
 * @param bucket           the bucket holding chunks and files (the object store's {@code chat4all.s3.bucket})
 * @param uploadTtl        how long an upload may stay open before the sweeper removes it
 *                         ({@code CHAT4ALL_UPLOAD_TTL}, default 24 h)
 * @param defaultChunkSize chunk size when the client names none (8 MiB)
 * @param minChunkSize     smallest chunk size a client may ask for (5 MiB)
 * @param maxChunkSize     largest chunk size a client may ask for (64 MiB)
 * @param uploadUrlTtl     lifetime of a presigned chunk-upload URL (1 h, never past the upload's expiry)
 * @param downloadUrlTtl   lifetime of a presigned download URL (5 min)
 */
@ConfigurationProperties("chat4all.files")
public record FileSettings(
        @DefaultValue("chat4all-files") String bucket,
        @DefaultValue("24h") Duration uploadTtl,
        @DefaultValue("8MB") DataSize defaultChunkSize,
        @DefaultValue("5MB") DataSize minChunkSize,
        @DefaultValue("64MB") DataSize maxChunkSize,
        @DefaultValue("1h") Duration uploadUrlTtl,
        @DefaultValue("5m") Duration downloadUrlTtl) {}
