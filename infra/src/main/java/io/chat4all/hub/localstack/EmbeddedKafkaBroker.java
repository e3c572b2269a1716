package io.chat4all.hub.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside the
 * hub's JVM, its logs under the data directory. Being in-process, it dies with the hub; its
 * log directory lock is an OS file lock, so nothing is left behind after a SIGKILL and the
 * next start recovers the logs.
 */
final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    static EmbeddedKafkaBroker start(Path dataDir, int configuredPort, int configuredControllerPort)
            throws IOException {
        Path kafkaDir = dataDir.resolve("kafka");
        Path logDir = kafkaDir.resolve("logs");
        Files.createDirectories(logDir);
        int port = Ports.claim(configuredPort, "Kafka broker", "chat4all.local.kafka-port");
        int controllerPort =
                Ports.claim(configuredControllerPort, "Kafka controller", "chat4all.local.kafka-controller-port");

        Properties config = KraftConfig.singleNode(port, controllerPort, logDir);
        // The log cleaner (compacting __consumer_offsets) allocates its dedupe buffer on the heap
        // the broker shares with the hub: 128 MiB by default, half of a 256 MiB hub. The few
        // compacted records of one local hub need far less.
        config.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));

        // Format the storage once; afterwards the cluster id in meta.properties is reused.
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            Path configFile = kafkaDir.resolve("server.properties");
            try (Writer writer = Files.newBufferedWriter(configFile)) {
                config.store(writer, "written by the Chat4All hub to format the embedded broker's storage");
            }
            int rc = StorageTool.execute(
                    new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString()},
                    new PrintStream(OutputStream.nullOutputStream()));
            if (rc != 0) {
                throw new IOException(
                        "Formatting the embedded Kafka storage in " + logDir + " failed (exit " + rc + ")");
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + port;
        log.info("Embedded Kafka broker (KRaft) on {}, data in {}", bootstrap, logDir);
        return new EmbeddedKafkaBroker(server, bootstrap);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
