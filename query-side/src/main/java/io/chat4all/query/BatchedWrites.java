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
 * <p>Statements run grouped by SQL text: every insert first, then every derived insert (rows made
 * from rows the inserts create), then every update. A derived insert or an update may thus meet
 * the row an insert of the same batch creates, whatever order the events came in (the first
 * appearance of each SQL text in the batch sets the order within a phase, so a read mark whose
 * event came first would otherwise run before the message it points to was inserted);
 * updates must therefore not depend on each other's order (the projections' status updates
 * only move forward, each guarded by the status it starts from). Appends (the change feed) run
 * last, after every update, so that they may read what the batch wrote.
 */
@Component
public class BatchedWrites {

    private static final String INSERTS = BatchedWrites.class.getName() + ".inserts";
    private static final String DERIVED = BatchedWrites.class.getName() + ".derived";
    private static final String UPDATES = BatchedWrites.class.getName() + ".updates";
    private static final String APPENDS = BatchedWrites.class.getName() + ".appends";

    private static final List<String> PHASES = List.of(INSERTS, DERIVED, UPDATES, APPENDS);

    private final JdbcTemplate jdbc;

    BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A statement that creates rows (runs before every update of the batch). */
    public void insert(String sql, Object... args) {
        add(INSERTS, sql, args);
    }

    /**
     * A statement that creates rows from rows other inserts create, as a read mark from its
     * message's seq: runs after every insert of the batch, in the order of its events.
     */
    public void insertDerived(String sql, Object... args) {
        add(DERIVED, sql, args);
    }

    /** A statement that changes existing rows. */
    public void update(String sql, Object... args) {
        add(UPDATES, sql, args);
    }

    /** A statement that records what the batch changed: runs after every insert and update of the batch. */
    public void append(String sql, Object... args) {
        add(APPENDS, sql, args);
    }

    private void add(String kind, String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        // Prepare-commit handlers run in the order registered: the phases' order above, whatever kind comes first.
        for (String each : PHASES) {
            pending(batch, each);
        }
        pending(batch, kind).computeIfAbsent(sql, s -> new ArrayList<>()).add(args);
    }

    private Map<String, List<Object[]>> pending(UnitOfWork<?> batch, String kind) {
        return batch.getOrComputeResource(kind, key -> {
            Map<String, List<Object[]>> pending = new LinkedHashMap<>();
            batch.onPrepareCommit(u -> pending.forEach(jdbc::batchUpdate));
            return pending;
        });
    }
}
