package io.chat4all.saga.delivery;

import org.springframework.jdbc.core.JdbcTemplate;

/** Opens the hub's own deadline rows to {@code io.chat4all.hub.bench.DeadlineBenchmark}. */
public final class BenchDeadlines {

    private BenchDeadlines() {}

    public static DeliveryDeadlines rows(JdbcTemplate jdbc) {
        return new JdbcDeliveryDeadlines(jdbc);
    }
}
