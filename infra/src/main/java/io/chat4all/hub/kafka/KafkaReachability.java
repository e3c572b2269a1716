package io.chat4all.hub.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.chat4all.events.BrokerStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Asks the Kafka cluster to describe itself every {@link KafkaSettings#probeEvery()} and keeps
 * the answer, so that a request learns in no time whether the broker is there (API.md: 503
 * within 2 s of an outage) and health checks do not wait on the network. One line is logged per
 * change, not per probe.
 */
@Component
class KafkaReachability implements BrokerStatus, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KafkaReachability.class);

    record State(boolean reachable, Instant since, String clusterId, int nodes, String failure) {}

    private final Admin admin;
    private final Duration timeout;
    private final ScheduledExecutorService probes;
    private volatile State state = new State(false, Instant.now(), null, 0, "not probed yet");

    KafkaReachability(KafkaSettings settings) {
        this.timeout = settings.probeTimeout();
        int timeoutMs = (int) timeout.toMillis();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "chat4all-reachability",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                timeoutMs,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                timeoutMs,
                // Reconnect fast once the broker is back (the defaults back off up to 1 s).
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                200));
        probe(); // the first answer before the hub takes requests
        this.probes = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-reachability");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.probeEvery().toMillis();
        probes.scheduleWithFixedDelay(this::probe, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isReachable() {
        return state.reachable();
    }

    State state() {
        return state;
    }

    private void probe() {
        State before = state;
        try {
            DescribeClusterResult cluster =
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
            state = new State(true, before.reachable() ? before.since() : Instant.now(), clusterId, nodes, null);
            if (!before.reachable()) {
                log.info("Kafka is reachable ({} node(s)); accepting messages", nodes);
            }
        } catch (Exception e) {
            String failure = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause().getClass().getSimpleName()
                    : e.getClass().getSimpleName();
            state = new State(false, before.reachable() ? Instant.now() : before.since(), null, 0, failure);
            if (before.reachable()) {
                log.warn("Kafka is unreachable ({}); new messages get 503 until it is back", failure);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void destroy() {
        probes.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
