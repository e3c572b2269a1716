package io.chat4all.query.live;

import java.util.UUID;

/** One change of the feed; audience null: every member of the conversation. */
record FeedRow(long position, FeedKind kind, UUID conversationId, UUID messageId, UUID audience) {

    /** What the change is about: the conversation, or the message. */
    UUID item() {
        return kind == FeedKind.CONVERSATION ? conversationId : messageId;
    }
}
