package io.chat4all.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projections' writes, gathered over one event-processor batch and sent as JDBC batches
 * just before the batch commits (with the processor's token, in one transaction). A round trip
 * per statement would cap a projection at a few hundred events per second under load.
 *
 * <p>Statements run grouped by SQL text, the groups in the order they first appeared in the
 * batch. That keeps every statement after the ones it depends on as long as a projection, for
 * one row, only follows an insert with updates (never the other way round).
 */
@Component
public class BatchedWrites {

    private static final String PENDING = BatchedWrites.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void update(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        pendingOfThisBatch().computeIfAbsent(sql, s -> new ArrayList<>()).add(args);
    }

    private Map<String, List<Object[]>> pendingOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            Map<String, List<Object[]>> pending = new LinkedHashMap<>();
            batch.onPrepareCommit(u -> pending.forEach(jdbc::batchUpdate));
            return pending;
        });
    }
}
