package io.chat4all.saga.channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.chat4all.events.Topics;
import io.chat4all.events.channel.ChannelRecord;
import io.chat4all.events.message.Channel;
import io.chat4all.events.message.MessageAcceptedEvent;
import io.chat4all.events.message.MessagePayload;
import io.chat4all.saga.delivery.ChannelRouter;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/** One record per channel on its topic, keyed by conversation (per-conversation order), acknowledged by the broker. */
@Component
class KafkaChannelRouter implements ChannelRouter {

    private final KafkaTemplate<String, String> kafka;
    private final ChannelJson json;

    KafkaChannelRouter(KafkaTemplate<String, String> kafka, ChannelJson json) {
        this.kafka = kafka;
        this.json = json;
    }

    static String topicOf(Channel channel) {
        return channel == Channel.WHATSAPP ? Topics.WHATSAPP_OUTGOING : Topics.INSTAGRAM_OUTGOING;
    }

    @Override
    public CompletableFuture<Void> route(MessageAcceptedEvent accepted) {
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
        for (Channel channel : accepted.channels()) {
            ChannelRecord record = new ChannelRecord(
                    accepted.messageId(),
                    accepted.conversationId(),
                    accepted.from(),
                    accepted.recipients(),
                    payload(accepted.payload()),
                    channel.name().toLowerCase(Locale.ROOT));
            sends.add(kafka.send(topicOf(channel), accepted.conversationId(), json.write(record)));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    private static Map<String, Object> payload(MessagePayload payload) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", payload.type());
        if (MessagePayload.FILE.equals(payload.type())) {
            view.put("file_id", payload.fileId());
        } else {
            view.put("text", payload.text());
        }
        return view;
    }
}
