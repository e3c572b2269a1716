package io.chat4all.hub.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The S3-compatible object store (MinIO in production, the embedded S3 server locally).
 *
 * @param endpoint  e.g. {@code http://minio:9000} ({@code S3_ENDPOINT}); blank starts the embedded server
 * @param accessKey access key ({@code S3_ACCESS_KEY})
 * @param secretKey secret key ({@code S3_SECRET_KEY}); never logged
 * @param region    region used to sign requests ({@code S3_REGION})
 * @param bucket    the bucket holding uploaded files, created at start if missing ({@code S3_BUCKET})
 * @param publicEndpoint the store's address as clients outside the hub's network reach it, used in
 *                  the presigned URLs handed to them ({@code S3_PUBLIC_ENDPOINT}; blank: {@code endpoint}),
 *                  e.g. {@code http://localhost:9000} when the hub reaches {@code http://minio:9000} in compose
 */
@ConfigurationProperties("chat4all.s3")
public record ObjectStorageSettings(
        String endpoint,
        String accessKey,
        String secretKey,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("chat4all-files") String bucket,
        String publicEndpoint) {

    /** Where the presigned URLs handed to clients point. */
    public String clientEndpoint() {
        return publicEndpoint == null || publicEndpoint.isBlank() ? endpoint : publicEndpoint;
    }

    @Override
    public String toString() {
        return "ObjectStorageSettings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", publicEndpoint=" + publicEndpoint + "]";
    }
}
