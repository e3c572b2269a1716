package io.chat4all.events.channel;

import java.time.Instant;
import java.util.List;

/**
 * The value of a record on {@code chat4all.receipts} (key: the conversation id), as JSON with
 * snake_case names: a connector delivered {@code message_id} on {@code channel} to {@code recipients}.
 */
public record ChannelReceipt(
        String messageId, String conversationId, String channel, List<String> recipients, Instant deliveredAt) {}
