package io.chat4all.hub.faults;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import io.chat4all.hub.localstack.KraftConfig;
import org.apache.kafka.common.Uuid;

/**
 * A standalone single-node KRaft broker (broker and controller in one) in its own process, as an
 * operator runs one: storage formatted once with {@code kafka.tools.StorageTool}, then
 * {@code kafka.Kafka server.properties}. Killed and started again on the same log directory.
 */
final class ExternalKafka {

    private final int port = ChildJvm.freePort();
    private final ChildJvm broker;

    ExternalKafka(Path workDir) throws IOException, InterruptedException {
        int controllerPort = ChildJvm.freePort();
        Path logDir = workDir.resolve("kafka-logs");
        Properties config = KraftConfig.singleNode(port, controllerPort, logDir);
        Path file = workDir.resolve("kafka-server.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            config.store(writer, "a standalone broker for a fault test");
        }
        ChildJvm format = new ChildJvm(
                "kafka-format",
                workDir,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                file.toString());
        format.runToEnd(Duration.ofSeconds(60));
        broker = new ChildJvm("kafka", workDir, "kafka.Kafka", file.toString());
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        broker.start(port, Duration.ofSeconds(60));
    }

    void kill() throws InterruptedException {
        broker.kill();
    }
}
