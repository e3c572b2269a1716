package io.chat4all.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chat4all.events.Topics;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The foundation: the hub boots on real PostgreSQL, Kafka and S3 servers and uses each of them. */
class LocalStackIntegrationTest extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MinioClient minio;

    @Autowired
    EventGateway eventGateway;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TestRestTemplate http;

    @Value("${chat4all.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${chat4all.s3.bucket}")
    String bucket;

    @Value("${chat4all.kafka.partitions}")
    int partitions;

    @Test
    void postgresIsARealDurableServerThatStoresRows() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL 17");
        assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");

        jdbc.execute("create table if not exists probe_row (id uuid primary key, note text not null)");
        UUID id = UUID.randomUUID();
        jdbc.update("insert into probe_row (id, note) values (?, ?)", id, "written by the foundation test");
        assertThat(jdbc.queryForObject("select note from probe_row where id = ?", String.class, id))
                .isEqualTo("written by the foundation test");
    }

    @Test
    void flywayOwnsAxonsTables() {
        List<String> tables = jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public'", String.class);
        assertThat(tables)
                .contains(
                        "flyway_schema_history",
                        "domain_event_entry",
                        "token_entry",
                        "saga_entry",
                        "association_value_entry",
                        "dead_letter_entry",
                        "snapshot_event_entry");
        assertThat(jdbc.queryForObject(
                        "select data_type from information_schema.columns where table_name = 'domain_event_entry' and column_name = 'payload'",
                        String.class))
                .isEqualTo("bytea");
        assertThat(jdbc.queryForObject(
                        "select increment_by from pg_sequences where sequencename = 'domain_event_entry_seq'",
                        Long.class))
                .isEqualTo(1L);
    }

    @Test
    void kafkaIsARealBrokerWithTheHubsTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(
                            Topics.EVENTS, Topics.WHATSAPP_OUTGOING, Topics.INSTAGRAM_OUTGOING, Topics.RECEIPTS))
                    .allTopicNames()
                    .get();
            assertThat(topics).hasSize(4);
            topics.values().forEach(t -> assertThat(t.partitions()).hasSize(partitions));

            String topic = "probe-" + UUID.randomUUID();
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            String value = "probe " + UUID.randomUUID();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers,
                            ProducerConfig.ACKS_CONFIG,
                            "all"),
                    new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "key", value)).get();
            }
            List<ConsumerRecord<String, String>> records = consume(topic, r -> value.equals(r.value()));
            assertThat(records).extracting(ConsumerRecord::value).contains(value);
        }
    }

    @Test
    void objectStorageStoresAndReturnsBytesThroughTheMinioClient() throws Exception {
        String name = "probe/" + UUID.randomUUID();
        byte[] content = ("object " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(name).stream(
                        new ByteArrayInputStream(content), content.length, -1)
                .build());

        assertThat(minio.statObject(StatObjectArgs.builder()
                                .bucket(bucket)
                                .object(name)
                                .build())
                        .size())
                .isEqualTo(content.length);
        try (var in = minio.getObject(
                GetObjectArgs.builder().bucket(bucket).object(name).build())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void eventsAreStoredByAxonsJdbcEngineWithDenseGlobalIndexes() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(transactions)
                .as("plain JDBC transactions: nothing uses JPA with this engine")
                .isInstanceOf(DataSourceTransactionManager.class);
        String aggregate = UUID.randomUUID().toString();
        eventGateway.publish(new ProbeEvent(aggregate, UUID.randomUUID().toString()));
        eventGateway.publish(new ProbeEvent(aggregate, UUID.randomUUID().toString()));
        List<Long> indexes = jdbc.queryForList(
                "select global_index from domain_event_entry where convert_from(payload, 'UTF8') like ? order by 1",
                Long.class,
                "%" + aggregate + "%");
        assertThat(indexes).as("from the sequence, as the JPA engine took them").hasSize(2);
        assertThat(indexes.get(1)).isGreaterThan(indexes.get(0));
    }

    @Test
    void anEventStoredByAxonReachesTheEventsTopicKeyedByConversation() throws Exception {
        String probeId = UUID.randomUUID().toString();
        String conversationId = UUID.randomUUID().toString();
        eventGateway.publish(new ProbeEvent(probeId, conversationId));

        assertThat(jdbc.queryForObject(
                        "select count(*) from domain_event_entry where payload_type = ? and convert_from(payload, 'UTF8') like ?",
                        Long.class,
                        ProbeEvent.class.getName(),
                        "%" + probeId + "%"))
                .isEqualTo(1L);

        List<ConsumerRecord<String, String>> records =
                consume(Topics.EVENTS, r -> r.value().contains(probeId));
        assertThat(records)
                .filteredOn(r -> r.value().contains(probeId))
                .singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(conversationId));
    }

    @Test
    void healthIsUpWithEveryPartAndBothProbes() {
        Map<String, Object> health = get("/actuator/health");
        assertThat(health).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) health.get("components");
        for (String part : Set.of("db", "kafka", "objectStorage")) {
            assertThat(components.get(part)).as(part).containsEntry("status", "UP");
        }
        assertThat(get("/actuator/health/liveness")).containsEntry("status", "UP");
        Map<String, Object> readiness = get("/actuator/health/readiness");
        assertThat(readiness).containsEntry("status", "UP");
        assertThat(readiness.get("components").toString()).contains("db", "kafka", "objectStorage");
    }

    private Map<String, Object> get(String path) {
        ResponseEntity<Map<String, Object>> response =
                http.exchange(path, HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
        assertThat(response.getStatusCode().is2xxSuccessful())
                .as(path + " -> " + response.getStatusCode())
                .isTrue();
        return response.getBody();
    }

    /** Reads the topic from the start until a record matches, for at most 30 s. */
    private List<ConsumerRecord<String, String>> consume(
            String topic, java.util.function.Predicate<ConsumerRecord<String, String>> until) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "probe-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record);
                    if (until.test(record)) {
                        return seen;
                    }
                }
            }
        }
        return seen;
    }
}
