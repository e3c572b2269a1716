package io.chat4all.hub.storage;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MinIO client every side uses to reach object storage; the bucket exists once it is built. */
@Configuration(proxyBeanMethods = false)
class ObjectStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ObjectStorageConfiguration.class);

    @Bean
    MinioClient minioClient(ObjectStorageSettings settings) throws Exception {
        MinioClient client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .region(settings.region())
                .build();
        String bucket = settings.bucket();
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).region(settings.region()).build());
            log.info("Created bucket {} at {}", bucket, settings.endpoint());
        }
        return client;
    }
}
