package io.chat4all.hub.storage;

import java.util.List;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The MinIO client every side uses to reach object storage; the bucket exists once it is built. */
@Configuration(proxyBeanMethods = false)
class ObjectStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ObjectStorageConfiguration.class);

    /** The presigner of the URLs handed to clients (bean name {@code publicPresigner}); signs for the public address, sends nothing. */
    static final String PUBLIC_PRESIGNER = "publicPresigner";

    @Bean
    @Primary
    MinioClient minioClient(ObjectStorageSettings settings) throws Exception {
        MinioClient client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        String bucket = settings.bucket();
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            try {
                client.makeBucket(MakeBucketArgs.builder()
                        .bucket(bucket)
                        .region(settings.region())
                        .build());
                log.info("Created bucket {} at {}", bucket, settings.endpoint());
            } catch (ErrorResponseException e) {
                // Another hub process starting at the same moment created it first: it exists, as wanted.
                if (!List.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists")
                        .contains(e.errorResponse().code())) {
                    throw e;
                }
            }
        }
        return client;
    }

    /**
     * A presigned URL's signature covers its host, so a URL for a browser outside the compose network
     * must be signed for the address it will use. Presigning is offline (the region is given), so this
     * client never needs to reach that address itself.
     */
    @Bean(PUBLIC_PRESIGNER)
    MinioClient publicPresigner(ObjectStorageSettings settings) {
        return MinioClient.builder()
                .endpoint(settings.clientEndpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
    }
}
