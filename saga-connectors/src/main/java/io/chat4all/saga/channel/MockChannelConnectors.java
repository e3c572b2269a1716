package io.chat4all.saga.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.chat4all.events.Topics;
import io.chat4all.events.channel.ChannelReceipt;
import io.chat4all.events.channel.ChannelRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The mock WhatsApp and Instagram connectors: each a Kafka consumer in its own group on its
 * topic. Per recipient it logs the delivery line, then reports back on the receipts topic. They
 * never call a real external API and speak only Kafka, so they could run in another process:
 * {@code chat4all.connectors.whatsapp.enabled} / {@code .instagram.enabled} = false keeps one from
 * starting in this one.
 */
@Component
class MockChannelConnectors {

    private static final Logger log = LoggerFactory.getLogger(MockChannelConnectors.class);

    private final KafkaTemplate<String, String> kafka;
    private final ChannelJson json;

    MockChannelConnectors(KafkaTemplate<String, String> kafka, ChannelJson json) {
        this.kafka = kafka;
        this.json = json;
    }

    @KafkaListener(
            id = "whatsapp-connector",
            topics = Topics.WHATSAPP_OUTGOING,
            groupId = "whatsapp-connector",
            concurrency = "${chat4all.connectors.consumers:1}",
            batch = "true",
            autoStartup = "${chat4all.connectors.whatsapp.enabled:true}")
    void whatsapp(List<String> values) {
        deliver(values, Topics.WHATSAPP_OUTGOING, "WhatsApp");
    }

    @KafkaListener(
            id = "instagram-connector",
            topics = Topics.INSTAGRAM_OUTGOING,
            groupId = "instagram-connector",
            concurrency = "${chat4all.connectors.consumers:1}",
            batch = "true",
            autoStartup = "${chat4all.connectors.instagram.enabled:true}")
    void instagram(List<String> values) {
        deliver(values, Topics.INSTAGRAM_OUTGOING, "Instagram");
    }

    /**
     * One poll's records: every line logged and every receipt sent, then one wait for all the
     * acks. A malformed record can never be delivered: it is logged and passed over, so that it
     * does not hold up the records beside it (a failure of the broker, in contrast, fails the
     * batch, which is then tried again).
     */
    private void deliver(List<String> values, String topic, String channelName) {
        List<CompletableFuture<?>> receipts = new ArrayList<>();
        for (String value : values) {
            ChannelRecord record = json.readOrNull(value, ChannelRecord.class);
            if (record == null
                    || record.messageId() == null
                    || record.conversationId() == null
                    || record.recipients() == null
                    || record.recipients().contains(null)) {
                log.warn(
                        "Malformed record on {} ignored (message_id, conversation_id and recipients are required)",
                        topic);
                continue;
            }
            for (String recipient : record.recipients()) {
                log.info(
                        "INFO: Mensagem {} enviada para o usuário {} no {}",
                        record.messageId(),
                        recipient,
                        channelName);
            }
            ChannelReceipt receipt = new ChannelReceipt(
                    record.messageId(), record.conversationId(), record.channel(), record.recipients(), Instant.now());
            receipts.add(kafka.send(Topics.RECEIPTS, record.conversationId(), json.write(receipt)));
        }
        CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).join();
    }
}
