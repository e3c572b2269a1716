package io.chat4all.query.live;

import java.util.Locale;

/** The kinds of change in the feed, named as the stream's {@code event:} lines name them. */
enum FeedKind {
    CONVERSATION,
    MESSAGE,
    STATUS;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FeedKind of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
