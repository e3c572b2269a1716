package io.chat4all.hub.consistency;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code readModel} (part of readiness): how many events each projection is
 * behind the event store. It reports the lag and stays UP: a lagging read model still serves
 * reads, only read-your-writes is then no longer guaranteed (API.md, Consistency). It is DOWN while
 * a projection is being rebuilt by replay (a replay token in {@code token_entry}, whichever process
 * runs it): until the replay has caught up the read endpoints would answer from half a read model,
 * so readiness takes this process out of rotation meanwhile.
 */
@Component("readModelHealthIndicator")
class ReadModelHealthIndicator extends AbstractHealthIndicator {

    private final ReadModelCatchUp catchUp;

    ReadModelHealthIndicator(ReadModelCatchUp catchUp) {
        super("Read model health check failed");
        this.catchUp = catchUp;
    }

    /**
     * A replay token short of the position the replay started from. Axon keeps the replay token
     * past that point until the next event arrives; caught up is caught up, new event or not.
     */
    static boolean replaying(TrackingToken token) {
        OptionalLong resetAt = ReplayToken.getTokenAtReset(token);
        return ReplayToken.isReplay(token)
                && resetAt.isPresent()
                && token.position().orElse(-1) < resetAt.getAsLong();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Long head = catchUp.positions().headOfEventStore();
        Map<String, SortedMap<Integer, TrackingToken>> tokens =
                catchUp.positions().read();
        List<String> replaying = tokens.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(ReadModelHealthIndicator::replaying))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        (replaying.isEmpty() ? builder.up() : builder.down().withDetail("replaying", replaying))
                .withDetail("eventStoreHead", head == null ? -1 : head);
        tokens.forEach((projection, segments) -> builder.withDetail(
                projection + ".lag",
                head == null ? 0 : Math.max(0, head - ProjectionPositions.lowestPosition(segments.values()))));
    }
}
