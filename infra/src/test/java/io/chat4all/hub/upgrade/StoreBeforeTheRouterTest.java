package io.chat4all.hub.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Events already stored keep loading: rows a hub of main (before the message router) wrote
 * ({@code fixtures/store-before-delivery-router.sql}) are put into the running hub's store, as if
 * it had been upgraded on them. Their messages read as they were, an accepted one is delivered
 * by the router, and the pending deadline of one in transit on a silent channel still fails it.
 */
@SuppressWarnings("unchecked")
class StoreBeforeTheRouterTest extends HubIntegrationTest {

    private static final String CONVERSATION = "e6ca217f-d4c7-45ac-8c9a-a9fb06bfecbb";
    private static final String IN_APP_DELIVERED = "12c84e41-4fbe-485f-98d0-3f970600d08a";
    private static final String WHATSAPP_DELIVERED = "18cfebcb-47b7-4212-8bd4-f9b1139e1d4e";
    private static final String IN_APP_ACCEPTED = "b5ee7324-36f1-4e0d-98f1-fdaad98f1231";
    private static final String INSTAGRAM_IN_TRANSIT = "29680650-aa1f-4816-9f36-6222aec1c8c5";
    private static final String BRUNO = "0b1e0000-0000-4000-8000-0000000000b2";

    @Autowired
    ApiClient api;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaListenerEndpointRegistry connectors;

    @Test
    void messagesOfAStoreWrittenBeforeTheRouterReadAsTheyWereAndEnd() throws Exception {
        MessageListenerContainer instagram = connectors.getListenerContainer("instagram-connector");
        instagram.stop(); // silent, as it was when the store was written: the deadline must end that message
        try {
            load("fixtures/store-before-delivery-router.sql");
            String ana = api.login("legacyana");

            Map<String, Object> inApp = awaitStatus(ana, IN_APP_DELIVERED, "DELIVERED");
            assertThat((Map<String, Object>) inApp.get("payload")).containsEntry("text", "Olá, in-app");
            assertThat(statuses(inApp)).containsExactly("ACCEPTED", "DELIVERED");
            assertThat((List<Map<String, Object>>) inApp.get("read_by"))
                    .extracting(r -> r.get("user_id"))
                    .containsExactly(BRUNO);

            Map<String, Object> whatsapp = awaitStatus(ana, WHATSAPP_DELIVERED, "DELIVERED");
            assertThat(statuses(whatsapp)).containsExactly("ACCEPTED", "IN_TRANSIT", "DELIVERED");
            assertThat((List<Map<String, Object>>) whatsapp.get("deliveries"))
                    .singleElement()
                    .satisfies(d ->
                            assertThat(d).containsEntry("channel", "whatsapp").containsEntry("recipient", BRUNO));

            // Stored but never delivered by the old in-app worker: the router delivers it now.
            assertThat(statuses(awaitStatus(ana, IN_APP_ACCEPTED, "DELIVERED")))
                    .containsExactly("ACCEPTED", "DELIVERED");

            // Routed to the silent channel under the old code; its deadline row still fires.
            Map<String, Object> failed = awaitStatus(ana, INSTAGRAM_IN_TRANSIT, "FAILED");
            List<Map<String, Object>> history = (List<Map<String, Object>>) failed.get("status_history");
            assertThat(history).extracting(h -> h.get("status")).containsExactly("ACCEPTED", "IN_TRANSIT", "FAILED");
            assertThat((String) history.get(2).get("note")).contains("confirmed delivery within");

            assertThat(api.get("/v1/conversations/" + CONVERSATION + "/messages", ana)
                            .body()
                            .get("messages"))
                    .asList()
                    .extracting(m -> ((Map<String, Object>) m).get("message_id"))
                    .containsExactly(IN_APP_DELIVERED, WHATSAPP_DELIVERED, IN_APP_ACCEPTED, INSTAGRAM_IN_TRANSIT);
        } finally {
            instagram.start();
        }
    }

    private void load(String resource) throws IOException {
        String sql =
                new String(new ClassPathResource(resource).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        for (String line : sql.split("\n")) {
            if (!line.isBlank() && !line.startsWith("--")) {
                jdbc.execute(line);
            }
        }
    }

    private static List<Object> statuses(Map<String, Object> message) {
        return ((List<Map<String, Object>>) message.get("status_history"))
                .stream().map(h -> h.get("status")).toList();
    }

    private Map<String, Object> awaitStatus(String token, String messageId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> message = Map.of();
        while (System.nanoTime() < deadline) {
            ApiClient.Response answer = api.get("/v1/messages/" + messageId, token);
            if (answer.status() == 200) {
                message = answer.body();
                if (status.equals(message.get("status"))) {
                    return message;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(messageId + " did not become " + status + " within 30 s: " + message);
    }
}
