package io.chat4all.saga.file;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the file check and the upload sweeper need of {@code chat4all.files}.
 *
 * @param bucket           the bucket holding chunks and files (the object store's {@code chat4all.s3.bucket})
 * @param expirySweepEvery how often uploads past their expiry are looked for (default 1 min)
 */
@ConfigurationProperties("chat4all.files")
public record FileStorageSettings(
        @DefaultValue("chat4all-files") String bucket,
        @DefaultValue("1m") Duration expirySweepEvery) {}
