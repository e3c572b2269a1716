package io.chat4all.events.channel;

import java.util.List;
import java.util.Map;

/**
 * The value of a record on {@code whatsapp_outgoing} / {@code instagram_outgoing} (key: the
 * conversation id), as JSON with snake_case names: {@code message_id, conversation_id, sender,
 * recipients, payload, channel}. A connector needs nothing else to deliver the message.
 *
 * @param channel    "whatsapp" or "instagram"
 * @param recipients the user ids to deliver to: {@code to} when given, else every member but the sender
 * @param payload    as the API shows it: {@code {"type":"text","text":…}} or {@code {"type":"file","file_id":…}}
 */
public record ChannelRecord(
        String messageId,
        String conversationId,
        String sender,
        List<String> recipients,
        Map<String, Object> payload,
        String channel) {}
