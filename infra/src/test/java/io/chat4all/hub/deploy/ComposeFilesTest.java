package io.chat4all.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 13, compose demo, checked offline (no Docker engine runs here): the services and images the
 * issue names, the hub's environment made only of settings the hub reads, the images' own variables
 * as they document them, the health checks and start order, the presigned URLs' public address, and
 * the three-broker variant's quorum and replication. {@code ComposeConfigIT} adds
 * {@code docker-compose config} where that tool is installed.
 */
class ComposeFilesTest {

    static final Path COMPOSE = Path.of("compose.yaml");
    static final Path KAFKA_3 = Path.of("compose.kafka-3.yaml");

    @Test
    void theDemoRunsPostgres16KraftKafkaMinioWithItsBucketAndTheHubBuiltFromTheDockerfile() throws IOException {
        Map<String, Object> services = map(load(COMPOSE).get("services"));
        assertThat(services).containsKeys("postgres", "kafka", "minio", "minio-bucket", "hub", "hub-worker");
        assertThat(map(services.get("postgres")).get("image")).isEqualTo("postgres:16");
        assertThat((String) map(services.get("kafka")).get("image")).startsWith("apache/kafka:");
        assertThat(map(map(services.get("kafka")).get("environment")))
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsKeys("CLUSTER_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS");
        assertThat(String.valueOf(
                        map(map(services.get("kafka")).get("environment")).get("CLUSTER_ID")))
                .as("a KRaft cluster id is a base64 UUID: 22 characters")
                .hasSize(22);
        assertThat(map(map(services.get("postgres")).get("environment")))
                .containsKeys("POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD");
        assertThat(map(map(services.get("minio")).get("environment")))
                .containsKeys("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD");
        assertThat(String.valueOf(map(services.get("minio-bucket")).get("command")))
                .contains("mc mb --ignore-existing");

        Map<String, Object> hub = map(services.get("hub"));
        assertThat(map(hub.get("build")))
                .containsEntry("context", "..")
                .containsEntry("dockerfile", "infra/Dockerfile");
        assertThat(map(hub.get("depends_on")).keySet()).containsExactlyInAnyOrder("postgres", "kafka", "minio-bucket");
        for (String service : List.of("postgres", "kafka", "minio")) {
            assertThat(map(services.get(service)))
                    .as(service + " health check, which the hub waits for")
                    .containsKey("healthcheck");
        }
        assertThat(map(map(hub.get("depends_on")).get("minio-bucket")))
                .containsEntry("condition", "service_completed_successfully");
        assertThat(String.valueOf(map(hub.get("environment")).get("S3_PUBLIC_ENDPOINT")))
                .as("presigned URLs for a browser outside the compose network")
                .contains("localhost:9000");
        assertThat((List<?>) map(services.get("minio")).get("ports"))
                .anyMatch(p -> String.valueOf(p).startsWith("9000:9000"));
    }

    @Test
    void everyVariableGivenToTheHubIsASettingTheHubReads() throws IOException {
        String settings = Files.readString(Path.of("src/main/resources/application.yml"));
        Map<String, Object> services = map(load(COMPOSE).get("services"));
        for (String service : List.of("hub", "hub-worker")) {
            for (String variable :
                    map(map(services.get(service)).get("environment")).keySet()) {
                // SPRING_* bind to Spring's own properties by relaxed binding; every other one is named in
                // application.yml.
                assertThat(variable.startsWith("SPRING_DATASOURCE_") || settings.contains("${" + variable + ":"))
                        .as(service + ": " + variable + " is read by the hub")
                        .isTrue();
            }
        }
        assertThat(map(map(services.get("hub-worker")).get("environment")))
                .containsEntry("CHAT4ALL_ROLES", "delivery,projections");
    }

    @Test
    void theThreeBrokerVariantIsOneQuorumOfThreeWithReplicationThree() throws IOException {
        Map<String, Object> services = map(load(KAFKA_3).get("services"));
        List<Object> nodeIds = List.of("kafka", "kafka-2", "kafka-3").stream()
                .map(name -> map(map(services.get(name)).get("environment")))
                .peek(env -> assertThat(env)
                        .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093")
                        .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3)
                        .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2))
                .map(env -> env.get("KAFKA_NODE_ID"))
                .toList();
        assertThat(nodeIds).containsExactly(1, 2, 3);
        assertThat(map(map(services.get("hub")).get("environment")))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,kafka-2:9092,kafka-3:9092")
                .containsEntry("CHAT4ALL_KAFKA_REPLICATION_FACTOR", 3);
    }

    @Test
    void theImageIsMultiStageJreOnlyNonRootWithAReadinessHealthCheck() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.get(froms.size() - 1))
                .as("the runtime stage")
                .contains("-jre")
                .doesNotContain(" AS ");
        assertThat(lines).anyMatch(l -> l.startsWith("USER ") && !l.contains("root"));
        assertThat(String.join("\n", lines)).contains("HEALTHCHECK").contains("/actuator/health/readiness");
    }

    static Map<String, Object> load(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
