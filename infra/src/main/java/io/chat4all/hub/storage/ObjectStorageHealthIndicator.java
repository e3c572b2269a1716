package io.chat4all.hub.storage;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Health component {@code objectStorage}: UP when the store answers and the bucket exists. */
@Component("objectStorageHealthIndicator")
class ObjectStorageHealthIndicator extends AbstractHealthIndicator {

    private final MinioClient minio;
    private final ObjectStorageSettings settings;

    ObjectStorageHealthIndicator(MinioClient minio, ObjectStorageSettings settings) {
        super("Object storage health check failed");
        this.minio = minio;
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        boolean exists = minio.bucketExists(
                BucketExistsArgs.builder().bucket(settings.bucket()).build());
        (exists ? builder.up() : builder.down())
                .withDetail("endpoint", settings.endpoint())
                .withDetail("bucket", settings.bucket());
    }
}
