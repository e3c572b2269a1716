package io.chat4all.query.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Feed rows as one client's events: one per item (conversation or message), carrying its current
 * view, at the item's newest position, in the order of those positions. Used for a resume's
 * backlog ("each item once") and for a live dispatch (changes of one message read together are
 * coalesced, as API.md allows). Ordered by newest position, so that resuming from any event's id
 * skips nothing: every item left to send has a higher position.
 */
final class Changes {

    private Changes() {}

    /** One event to send: its kind, what it is about, its position. */
    record Change(FeedKind kind, UUID item, UUID conversationId, long position) {}

    static List<Change> of(List<FeedRow> rows, Predicate<FeedRow> concerns) {
        Map<UUID, Change> byItem = new LinkedHashMap<>();
        for (FeedRow row : rows) {
            if (!concerns.test(row)) {
                continue;
            }
            Change before = byItem.get(row.item());
            // A message the client has not been told of yet is a `message` event, whatever changed since.
            FeedKind kind = before != null && before.kind() == FeedKind.MESSAGE ? FeedKind.MESSAGE : row.kind();
            byItem.put(
                    row.item(),
                    new Change(
                            kind,
                            row.item(),
                            row.conversationId(),
                            Math.max(row.position(), before == null ? 0 : before.position())));
        }
        List<Change> changes = new ArrayList<>(byItem.values());
        changes.sort(Comparator.comparingLong(Change::position));
        return changes;
    }
}
