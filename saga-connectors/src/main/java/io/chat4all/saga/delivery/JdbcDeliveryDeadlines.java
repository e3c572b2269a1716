package io.chat4all.saga.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deadlines in the {@code delivery_deadline} table, on the hub's running-time clock
 * ({@code delivery_clock}, see V310): a deadline is due when the clock has run past it, so
 * neither a crashed hub's down time nor a Kafka outage eats into a message's 30 s. Inside an event-processor batch the writes
 * are gathered and sent as two JDBC batches just before the batch commits (in its transaction):
 * one round trip per batch instead of one per message. Outside a batch (the sweeper) they run at once.
 */
@Component
class JdbcDeliveryDeadlines implements DeliveryDeadlines {

    private static final String PENDING = JdbcDeliveryDeadlines.class.getName() + ".pending";
    private static final String INSERT = "insert into delivery_deadline (message_id, due_running_ms) "
            + "select ?, running_ms + ? from delivery_clock on conflict do nothing";
    /**
     * Adds the time since the last tick (by any instance), capped at {@code maxStep}: a longer gap
     * means the hub was down, which does not count. While Kafka is unreachable it adds nothing.
     */
    private static final String TICK = "update delivery_clock set running_ms = running_ms + case when ? then "
            + "least(greatest(extract(epoch from (now() - ticked_at)) * 1000, 0), ?)::bigint else 0 end, "
            + "ticked_at = now() returning running_ms";

    private static final String DELETE = "delete from delivery_deadline where message_id = ?";

    private final JdbcTemplate jdbc;

    JdbcDeliveryDeadlines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void schedule(String messageId, Duration after) {
        write(INSERT, UUID.fromString(messageId), after.toMillis());
    }

    @Override
    public void cancel(String messageId) {
        write(DELETE, UUID.fromString(messageId));
    }

    /** Moves the running-time clock on (only if {@code running}) and returns its reading. */
    long tick(boolean running, Duration maxStep) {
        Long clock = jdbc.queryForObject(TICK, Long.class, running, maxStep.toMillis());
        return clock == null ? 0 : clock;
    }

    List<String> due(long clock, int limit) {
        return jdbc.queryForList(
                "select message_id::text from delivery_deadline where due_running_ms <= ? "
                        + "order by due_running_ms limit ?",
                String.class,
                clock,
                limit);
    }

    private void write(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<String, List<Object[]>> pending = batch.getOrComputeResource(PENDING, key -> {
            Map<String, List<Object[]>> statements = new LinkedHashMap<>();
            statements.put(INSERT, new ArrayList<>());
            statements.put(DELETE, new ArrayList<>()); // after the inserts: a message may start and end in one batch
            batch.onPrepareCommit(u -> statements.forEach((statement, rows) -> {
                if (!rows.isEmpty()) {
                    jdbc.batchUpdate(statement, rows);
                }
            }));
            return statements;
        });
        pending.get(sql).add(args);
    }
}
