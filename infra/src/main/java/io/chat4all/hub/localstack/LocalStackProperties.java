package io.chat4all.hub.localstack;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded local stack, started for each part that has no external address configured.
 *
 * @param dataDir             where PostgreSQL, Kafka and the S3 server keep their data ({@code CHAT4ALL_DATA_DIR})
 * @param postgresPort        port of the embedded PostgreSQL; 5433 so that a system PostgreSQL on 5432 does not clash; 0 = any free port
 * @param kafkaPort           port of the embedded Kafka broker's client listener; 0 = any free port
 * @param kafkaControllerPort port of the embedded Kafka KRaft controller listener; 0 = any free port
 * @param s3Port              port of the embedded S3 server; 0 = any free port
 * @param s3AccessKey         access key the embedded S3 server accepts (local only, it listens on 127.0.0.1)
 * @param s3SecretKey         secret key the embedded S3 server accepts
 */
@ConfigurationProperties("chat4all.local")
public record LocalStackProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("5433") int postgresPort,
        @DefaultValue("9092") int kafkaPort,
        @DefaultValue("9093") int kafkaControllerPort,
        @DefaultValue("9000") int s3Port,
        @DefaultValue("chat4all") String s3AccessKey,
        @DefaultValue("chat4all-local-secret") String s3SecretKey) {}
