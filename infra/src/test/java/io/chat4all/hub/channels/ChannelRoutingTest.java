package io.chat4all.hub.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chat4all.events.Topics;
import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * User story 4 through HTTP on the real stack: channel records on the real broker, the mock
 * connectors' log lines per recipient, receipts, and the status history (FR-030..FR-037, SC-011).
 */
@SuppressWarnings("unchecked")
class ChannelRoutingTest extends HubIntegrationTest {

    @Autowired
    ApiClient api;

    @Value("${chat4all.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${logging.file.name}")
    String logFile;

    @Autowired
    KafkaListenerEndpointRegistry connectors;

    @Test
    void aWhatsAppMessageIsRoutedLoggedConfirmedAndDelivered() throws Exception {
        String alice = api.login("ivan");
        String conversationId = conversation(alice, "private", List.of(api.userId("judy")));
        String messageId = send(alice, conversationId, api.userId("ivan"), List.of("whatsapp"), null);

        Map<String, Object> message = awaitFinal(alice, messageId);
        assertThat(message.get("status")).isEqualTo("DELIVERED");
        assertThat((List<Map<String, Object>>) message.get("status_history"))
                .extracting(h -> h.get("status"))
                .containsExactly("ACCEPTED", "IN_TRANSIT", "DELIVERED");
        assertThat((List<Map<String, Object>>) message.get("deliveries"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d)
                            .containsEntry("channel", "whatsapp")
                            .containsEntry("recipient", api.userId("judy"))
                            .containsEntry("status", "DELIVERED");
                });

        ConsumerRecord<String, String> record = recordOf(Topics.WHATSAPP_OUTGOING, messageId);
        assertThat(record.key()).isEqualTo(conversationId);
        assertThat(record.value())
                .contains(
                        "\"channel\":\"whatsapp\"",
                        "\"sender\":\"" + api.userId("ivan") + "\"",
                        "\"recipients\":[\"" + api.userId("judy") + "\"]");
        assertThat(logLines(messageId))
                .containsExactly("INFO: Mensagem " + messageId + " enviada para o usuário " + api.userId("judy")
                        + " no WhatsApp");
    }

    @Test
    void allReachesBothChannels() throws Exception {
        String token = api.login("user061");
        String conversationId = conversation(token, "private", List.of(api.userId("user062")));
        String messageId = send(token, conversationId, api.userId("user061"), List.of("all"), null);

        Map<String, Object> message = awaitFinal(token, messageId);
        assertThat(message.get("status")).isEqualTo("DELIVERED");
        assertThat((List<Map<String, Object>>) message.get("deliveries"))
                .extracting(d -> d.get("channel"))
                .containsExactlyInAnyOrder("whatsapp", "instagram");
        assertThat(recordOf(Topics.WHATSAPP_OUTGOING, messageId)).isNotNull();
        assertThat(recordOf(Topics.INSTAGRAM_OUTGOING, messageId)).isNotNull();
        String bob = api.userId("user062");
        assertThat(logLines(messageId))
                .containsExactlyInAnyOrder(
                        "INFO: Mensagem " + messageId + " enviada para o usuário " + bob + " no WhatsApp",
                        "INFO: Mensagem " + messageId + " enviada para o usuário " + bob + " no Instagram");
    }

    @Test
    void aGroupMessageReachesEveryOtherMemberAndToOnlyOne() throws Exception {
        String sender = api.login("user071");
        List<String> others = List.of(api.userId("user072"), api.userId("user073"), api.userId("user074"));
        String conversationId = conversation(sender, "group", others);

        String toAll = send(sender, conversationId, api.userId("user071"), List.of("instagram"), null);
        assertThat(awaitFinal(sender, toAll).get("status")).isEqualTo("DELIVERED");
        assertThat(logLines(toAll))
                .containsExactlyInAnyOrderElementsOf(others.stream()
                        .map(u -> "INFO: Mensagem " + toAll + " enviada para o usuário " + u + " no Instagram")
                        .toList());

        String toOne = send(sender, conversationId, api.userId("user071"), List.of("whatsapp"), others.get(1));
        assertThat(awaitFinal(sender, toOne).get("status")).isEqualTo("DELIVERED");
        assertThat(logLines(toOne))
                .containsExactly(
                        "INFO: Mensagem " + toOne + " enviada para o usuário " + others.get(1) + " no WhatsApp");
    }

    @Test
    void aSilentChannelFailsTheMessageAtTheDeadline() throws Exception {
        String token = api.login("user078");
        String conversationId = conversation(token, "private", List.of(api.userId("user079")));
        MessageListenerContainer instagram = connectors.getListenerContainer("instagram-connector");
        instagram.stop(); // Instagram goes silent
        String messageId;
        try {
            messageId = send(token, conversationId, api.userId("user078"), List.of("all"), null);
            Map<String, Object> message = awaitFinal(token, messageId);
            assertThat(message.get("status")).isEqualTo("FAILED");
            List<Map<String, Object>> history = (List<Map<String, Object>>) message.get("status_history");
            assertThat(history).extracting(h -> h.get("status")).containsExactly("ACCEPTED", "IN_TRANSIT", "FAILED");
            assertThat((String) history.get(2).get("note")).contains("within 8 s");
            assertThat((List<Map<String, Object>>) message.get("deliveries"))
                    .extracting(d -> d.get("channel"))
                    .containsExactly("whatsapp");
        } finally {
            instagram.start();
        }
        // The late receipt, once Instagram is back, changes nothing.
        logLinesContain(messageId, "no Instagram");
        assertThat(api.get("/v1/messages/" + messageId, token).body().get("status"))
                .isEqualTo("FAILED");
    }

    /**
     * Malformed records sit in the same poll as a good one, on the channel topic and on the
     * receipts topic (both consumers are stopped while they pile up): they are passed over with a
     * warning, and the good message beside them is still delivered.
     */
    @Test
    void malformedRecordsArePassedOverWithoutHoldingUpTheirNeighbours() throws Exception {
        String token = api.login("user095");
        String conversationId = conversation(token, "private", List.of(api.userId("user096")));
        MessageListenerContainer whatsapp = connectors.getListenerContainer("whatsapp-connector");
        MessageListenerContainer receipts = connectors.getListenerContainer("receipt-listener");
        whatsapp.stop();
        receipts.stop();
        String messageId;
        String unknown = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new StringSerializer())) {
            // Same key as the message, so the same partition and the same poll, just before it.
            for (String topic : List.of(Topics.WHATSAPP_OUTGOING, Topics.RECEIPTS)) {
                producer.send(new ProducerRecord<>(topic, conversationId, "not json"))
                        .get();
                producer.send(new ProducerRecord<>(
                                topic, conversationId, "{\"message_id\":\"" + UUID.randomUUID() + "\"}"))
                        .get();
            }
            // Well formed, for a message the hub never accepted: its batch is rolled back and each receipt
            // of it confirmed alone, so that it holds up none beside it.
            producer.send(new ProducerRecord<>(
                            Topics.RECEIPTS,
                            conversationId,
                            "{\"message_id\":\"" + unknown + "\",\"conversation_id\":\"" + conversationId
                                    + "\",\"channel\":\"whatsapp\",\"recipients\":[\"" + api.userId("user096")
                                    + "\"],\"delivered_at\":\"2026-01-01T00:00:00Z\"}"))
                    .get();
            messageId = send(token, conversationId, api.userId("user095"), List.of("whatsapp"), null);
            recordOf(Topics.WHATSAPP_OUTGOING, messageId); // routed, waiting behind the malformed ones
        } finally {
            whatsapp.start();
        }
        try {
            logLinesContain(
                    messageId,
                    "no WhatsApp"); // delivered by the connector; its receipt waits behind the malformed ones
        } finally {
            receipts.start();
        }
        Map<String, Object> message = awaitFinal(token, messageId);
        assertThat(message.get("status")).isEqualTo("DELIVERED");
        List<String> warnings = Files.readAllLines(Path.of(logFile)).stream()
                .filter(l -> l.contains(" WARN "))
                .toList();
        assertThat(warnings).anyMatch(l -> l.contains("Malformed record on whatsapp_outgoing ignored"));
        assertThat(warnings).anyMatch(l -> l.contains("Malformed receipt on chat4all.receipts ignored"));
        assertThat(warnings).anyMatch(l -> l.contains("Receipt for unknown message " + unknown + " ignored"));
    }

    @Test
    void sc011_aBurstOfMessagesEndsFinalWithin30Seconds() {
        String token = api.login("user075");
        String conversationId = conversation(token, "group", List.of(api.userId("user076"), api.userId("user077")));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<String> channels = switch (i % 4) {
                case 0 -> List.of();
                case 1 -> List.of("whatsapp");
                case 2 -> List.of("instagram");
                default -> List.of("all");
            };
            ids.add(send(token, conversationId, api.userId("user075"), channels, null));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> open = new ArrayList<>(ids);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            open.removeIf(id -> {
                Object status = api.get("/v1/messages/" + id, token).body().get("status");
                return "DELIVERED".equals(status) || "FAILED".equals(status);
            });
            sleep(200);
        }
        assertThat(open).as("not DELIVERED or FAILED 30 s after the burst").isEmpty();
    }

    private String conversation(String token, String type, List<String> members) {
        ApiClient.Response response = api.post("/v1/conversations", token, Map.of("type", type, "members", members));
        assertThat(response.status()).as(response.rawBody()).isIn(200, 201);
        return (String) response.body().get("conversation_id");
    }

    private String send(String token, String conversationId, String from, List<String> channels, String to) {
        String messageId = UUID.randomUUID().toString();
        Map<String, Object> body = new HashMap<>(Map.of(
                "message_id",
                messageId,
                "conversation_id",
                conversationId,
                "from",
                from,
                "channels",
                channels,
                "payload",
                Map.of("type", "text", "text", "via channels")));
        if (to != null) {
            body.put("to", to);
        }
        ApiClient.Response response = api.post("/v1/messages", token, body);
        assertThat(response.status()).as(response.rawBody()).isEqualTo(200);
        return messageId;
    }

    private Map<String, Object> awaitFinal(String token, String messageId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, Object> last = Map.of();
        while (System.nanoTime() < deadline) {
            ApiClient.Response response = api.get("/v1/messages/" + messageId, token);
            last = response.body();
            if (response.status() == 200
                    && ("DELIVERED".equals(last.get("status")) || "FAILED".equals(last.get("status")))) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("message " + messageId + " not final; last seen " + last);
    }

    private void logLinesContain(String messageId, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && logLines(messageId).stream().noneMatch(l -> l.contains(text))) {
            sleep(200);
        }
        assertThat(logLines(messageId)).anyMatch(l -> l.contains(text));
        sleep(1000); // the receipt follows the log line
    }

    /** The connectors' lines for this message in the hub's log file (also written to standard output). */
    private List<String> logLines(String messageId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.readAllLines(Path.of(logFile)).stream()
                    .filter(l -> l.contains("INFO: Mensagem " + messageId))
                    .map(l -> l.substring(l.indexOf("INFO: Mensagem")))
                    .toList();
            if (!lines.isEmpty()) {
                sleep(300); // let the other recipients' lines land too
                return Files.readAllLines(Path.of(logFile)).stream()
                        .filter(l -> l.contains("INFO: Mensagem " + messageId))
                        .map(l -> l.substring(l.indexOf("INFO: Mensagem")))
                        .toList();
            }
            sleep(100);
        }
        return lines;
    }

    /** The record of this message on a channel topic, read by a test consumer of its own. */
    private ConsumerRecord<String, String> recordOf(String topic, String messageId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value().contains("\"message_id\":\"" + messageId + "\"")) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record of " + messageId + " on " + topic);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
