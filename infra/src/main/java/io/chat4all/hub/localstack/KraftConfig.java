package io.chat4all.hub.localstack;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The settings of a single-node Kafka broker in KRaft mode (broker and controller in one) on
 * 127.0.0.1: the embedded broker's, and those of a standalone broker started from the same jars.
 */
public final class KraftConfig {

    private KraftConfig() {}

    public static Properties singleNode(int port, int controllerPort, Path logDir) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDir.toAbsolutePath().toString());
        // One node: internal topics cannot have more replicas than that.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // After a kill the controller still holds the dead broker's registration and only lets
        // the restarted broker in once that session expires (9 s by default): keep it short.
        config.put("broker.session.timeout.ms", "2000");
        config.put("broker.heartbeat.interval.ms", "500");
        // The hub creates its topics itself, with the partitions it is configured for.
        config.put("auto.create.topics.enable", "false");
        return config;
    }
}
