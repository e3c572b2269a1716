package io.chat4all.saga.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
 * Deadlines in the {@code delivery_deadline} table. Inside an event-processor batch the writes
 * are gathered and sent as two JDBC batches just before the batch commits (in its transaction):
 * one round trip per batch instead of one per message. Outside a batch (the sweeper) they run at once.
 */
@Component
class JdbcDeliveryDeadlines implements DeliveryDeadlines {

    private static final String PENDING = JdbcDeliveryDeadlines.class.getName() + ".pending";
    private static final String INSERT = "insert into delivery_deadline (message_id, due_at) values (?, ?) on conflict do nothing";
    private static final String DELETE = "delete from delivery_deadline where message_id = ?";

    private final JdbcTemplate jdbc;

    JdbcDeliveryDeadlines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void schedule(String messageId, Duration after) {
        write(INSERT, UUID.fromString(messageId), Timestamp.from(Instant.now().plus(after)));
    }

    @Override
    public void cancel(String messageId) {
        write(DELETE, UUID.fromString(messageId));
    }

    List<String> due(Instant now, int limit) {
        return jdbc.queryForList("select message_id::text from delivery_deadline where due_at <= ? order by due_at limit ?",
                String.class, Timestamp.from(now), limit);
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
