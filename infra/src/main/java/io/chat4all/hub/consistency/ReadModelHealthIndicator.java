package io.chat4all.hub.consistency;

import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.TrackingToken;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code readModel} (part of readiness): how many events each projection is
 * behind the event store. It reports the lag and stays UP: a lagging read model still serves
 * reads, only read-your-writes is then no longer guaranteed (API.md, Consistency).
 */
@Component("readModelHealthIndicator")
class ReadModelHealthIndicator extends AbstractHealthIndicator {

    private final ReadModelCatchUp catchUp;

    ReadModelHealthIndicator(ReadModelCatchUp catchUp) {
        super("Read model health check failed");
        this.catchUp = catchUp;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Long head = catchUp.positions().headOfEventStore();
        Map<String, List<TrackingToken>> tokens = catchUp.positions().read();
        builder.up().withDetail("eventStoreHead", head == null ? -1 : head);
        tokens.forEach((projection, segments) -> builder.withDetail(projection + ".lag",
                head == null ? 0 : Math.max(0, head - ProjectionPositions.lowestPosition(segments))));
    }
}
