package io.chat4all.hub.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.zaxxer.hikari.HikariDataSource;
import io.chat4all.saga.delivery.BenchDeadlines;
import io.chat4all.saga.delivery.DeliveryDeadlines;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * What a routed message's deadline costs, per message, kept the two ways the hub could keep it:
 * the hub's row on the running-time clock ({@code JdbcDeliveryDeadlines}: one JDBC batch of inserts
 * and one of deletes per event-processor batch), and Axon's {@code DbSchedulerDeadlineManager} on
 * db-scheduler (a serialized task row per message, scheduled and cancelled in the same units of
 * work, as an aggregate would). Each message is scheduled in one unit of work of {@code --batch}
 * messages and cancelled in another, as the router does on MessageAccepted and MessageDelivered.
 * Runs against the PostgreSQL of a running hub, in a schema of its own that it drops afterwards;
 * prints, per round, the CPU of this JVM and of PostgreSQL (from /proc) and the wall time per message.
 *
 * <pre>
 * infra/bench/deadlines.sh [--messages 20000] [--batch 100] [--rounds 3]
 * </pre>
 */
public final class DeadlineBenchmark {

    private static final String SCHEMA = "deadline_bench";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private DeadlineBenchmark() {}

    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://localhost:5433/chat4all";
        Path postgresData = null;
        int messages = 20_000, batch = 100, rounds = 3;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--jdbc-url" -> url = args[i + 1];
                case "--postgres-data" -> postgresData = Path.of(args[i + 1]);
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(url);
            pool.setUsername("postgres");
            pool.setMaximumPoolSize(2);
            pool.setConnectionInitSql("set search_path = " + SCHEMA + ", public");
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            createSchema(jdbc);
            try {
                new DeadlineBenchmark().run(pool, jdbc, postgresData, messages, batch, rounds);
            } finally {
                jdbc.execute("drop schema " + SCHEMA + " cascade");
            }
        }
    }

    private static void createSchema(JdbcTemplate jdbc) {
        jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
        jdbc.execute("create schema " + SCHEMA);
        jdbc.execute("create table " + SCHEMA + ".delivery_deadline (like public.delivery_deadline including all)");
        // db-scheduler's own table for PostgreSQL (its documented DDL)
        jdbc.execute(
                "create table " + SCHEMA + ".scheduled_tasks (task_name text not null, task_instance text not null,"
                        + " task_data bytea, execution_time timestamp with time zone not null, picked boolean not null,"
                        + " picked_by text, last_success timestamp with time zone, last_failure timestamp with time zone,"
                        + " consecutive_failures int, last_heartbeat timestamp with time zone, version bigint not null,"
                        + " priority smallint, primary key (task_name, task_instance))");
        jdbc.execute("create index on " + SCHEMA + ".scheduled_tasks (execution_time)");
        jdbc.execute("create index on " + SCHEMA + ".scheduled_tasks (last_heartbeat)");
        jdbc.execute("create index on " + SCHEMA + ".scheduled_tasks (priority desc, execution_time asc)");
    }

    private void run(HikariDataSource pool, JdbcTemplate jdbc, Path postgresData, int messages, int batch, int rounds)
            throws Exception {
        DataSourceTransactionManager spring = new DataSourceTransactionManager(pool);
        TransactionManager transactions = new SpringTransactionManager(spring);
        DeliveryDeadlines rows = BenchDeadlines.rows(jdbc);
        // As db-scheduler's Spring Boot starter does: its statements join the Spring transaction.
        DbSchedulerDeadlineManager[] holder = new DbSchedulerDeadlineManager[1];
        Scheduler scheduler = Scheduler.create(
                        new TransactionAwareDataSourceProxy(pool),
                        DbSchedulerDeadlineManager.binaryTask(() -> holder[0]))
                .build(); // not started: only scheduling and cancelling are measured
        DbSchedulerDeadlineManager manager = DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(scope -> Stream.empty())
                .serializer(JacksonSerializer.defaultSerializer())
                .transactionManager(transactions)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
        holder[0] = manager;
        HubStats stats = new HubStats(ProcessHandle.current().pid(), postgresData);

        Way rowWay = new Way(
                "rows (JdbcDeliveryDeadlines)",
                id -> {
                    rows.schedule(id, DEADLINE);
                    return id;
                },
                (id, token) -> rows.cancel(id));
        Way managerWay = new Way(
                "Axon DbSchedulerDeadlineManager",
                id -> manager.schedule(
                        DEADLINE, "delivery-deadline", new Due(id), new AggregateScopeDescriptor("Message", id)),
                (id, token) -> manager.cancelSchedule("delivery-deadline", token));
        System.out.printf(
                Locale.ROOT,
                "deadline benchmark: %d messages per round, units of work of %d, %d rounds each%n",
                messages,
                batch,
                rounds);
        for (Way way : List.of(rowWay, managerWay)) {
            way.round(transactions, stats, Math.min(messages, 5_000), batch); // warm-up, not reported
        }
        List<double[]> rowFigures = new ArrayList<>(), managerFigures = new ArrayList<>();
        for (int round = 0; round < rounds; round++) { // alternating, so the machine's drift falls on both
            rowFigures.add(way(rowWay, transactions, stats, messages, batch));
            managerFigures.add(way(managerWay, transactions, stats, messages, batch));
        }
        double rowMedian = median(rowFigures, 2), managerMedian = median(managerFigures, 2);
        System.out.printf(
                Locale.ROOT,
                "medians, CPU µs per message (this JVM + PostgreSQL): rows %.0f, DeadlineManager %.0f (%.1f×)%n",
                rowMedian,
                managerMedian,
                managerMedian / rowMedian);
        System.out.printf(Locale.ROOT, "result: rows_cpu_us=%.0f manager_cpu_us=%.0f%n", rowMedian, managerMedian);
    }

    private static double[] way(Way way, TransactionManager transactions, HubStats stats, int messages, int batch)
            throws Exception {
        double[] figures = way.round(transactions, stats, messages, batch);
        System.out.printf(
                Locale.ROOT,
                "%-34s CPU µs per message: JVM %.0f + PostgreSQL %.0f = %.0f; wall µs per message %.0f%n",
                way.name,
                figures[0],
                figures[1],
                figures[2],
                figures[3]);
        return figures;
    }

    private static double median(List<double[]> figures, int index) {
        double[] values = figures.stream().mapToDouble(f -> f[index]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The deadline's payload: enough for a handler to find its message. */
    public record Due(String messageId) {}

    private interface Cancel {
        void cancel(String messageId, String token);
    }

    private record Way(String name, Function<String, String> schedule, Cancel cancel) {

        /** {JVM µs, PostgreSQL µs, total µs, wall µs} per message. */
        double[] round(TransactionManager transactions, HubStats stats, int messages, int batch) throws Exception {
            List<String> ids = Stream.generate(() -> UUID.randomUUID().toString())
                    .limit(messages)
                    .toList();
            String[] tokens = new String[messages];
            double[] before = stats.cpuSeconds();
            long started = System.nanoTime();
            for (int from = 0; from < messages; from += batch) {
                int to = Math.min(messages, from + batch), first = from;
                inUnitOfWork(transactions, () -> {
                    for (int i = first; i < to; i++) {
                        tokens[i] = schedule.apply(ids.get(i));
                    }
                });
                inUnitOfWork(transactions, () -> {
                    for (int i = first; i < to; i++) {
                        cancel.cancel(ids.get(i), tokens[i]);
                    }
                });
            }
            double wall = (System.nanoTime() - started) / 1e3 / messages;
            double[] after = stats.cpuSeconds();
            double jvm = (after[0] - before[0]) * 1e6 / messages, postgres = (after[1] - before[1]) * 1e6 / messages;
            return new double[] {jvm, postgres, jvm + postgres, wall};
        }

        private static void inUnitOfWork(TransactionManager transactions, Runnable work) {
            UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
            unit.attachTransaction(transactions);
            try {
                work.run();
                unit.commit();
            } catch (RuntimeException e) {
                unit.rollback(e);
                throw e;
            }
        }
    }
}
