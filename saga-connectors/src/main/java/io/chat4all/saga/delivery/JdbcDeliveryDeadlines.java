package io.chat4all.saga.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Deadlines in the {@code delivery_deadline} table, written in the saga processor's transaction. */
@Component
class JdbcDeliveryDeadlines implements DeliveryDeadlines {

    private final JdbcTemplate jdbc;

    JdbcDeliveryDeadlines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void schedule(String messageId, Duration after) {
        jdbc.update("insert into delivery_deadline (message_id, due_at) values (?, ?) on conflict do nothing",
                UUID.fromString(messageId), Timestamp.from(Instant.now().plus(after)));
    }

    @Override
    public void cancel(String messageId) {
        jdbc.update("delete from delivery_deadline where message_id = ?", UUID.fromString(messageId));
    }

    List<String> due(Instant now, int limit) {
        return jdbc.queryForList("select message_id::text from delivery_deadline where due_at <= ? order by due_at limit ?",
                String.class, Timestamp.from(now), limit);
    }
}
