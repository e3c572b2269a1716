package io.chat4all.hub.faults;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged hub ({@code target/chat4all-hub.jar}) as a separate OS process, the way a user
 * runs it, on fixed ports and one data directory, so it can be killed and started again.
 */
final class HubProcess {

    private final Path dataDir;
    private final int httpPort = freePort();
    private final int postgresPort = freePort();
    private final int kafkaPort = freePort();
    private final int controllerPort = freePort();
    private final int s3Port = freePort();
    private final List<String> extraArguments;
    private Process process;
    private int starts;

    /** @param extraArguments more {@code --property=value} arguments for every start */
    HubProcess(Path dataDir, String... extraArguments) {
        this.dataDir = dataDir;
        this.extraArguments = List.of(extraArguments);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts it and waits for readiness; {@code onceArguments} go to this start only. */
    void start(String... onceArguments) throws IOException, InterruptedException {
        File output = launch(onceArguments);
        awaitReady(Duration.ofSeconds(120), output);
    }

    /**
     * With {@code --chat4all.roles=infra}: only the embedded stack, no web server; ready when
     * PostgreSQL, Kafka and S3 all accept connections.
     */
    void startStack() throws IOException, InterruptedException {
        File output = launch();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (int port : new int[] {postgresPort, kafkaPort, s3Port}) {
            while (!accepts(port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "The infra process exited with " + process.exitValue() + "; see " + output);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The infra process was not listening within 120 s; see " + output);
                }
                Thread.sleep(200);
            }
        }
    }

    /** The arguments that point a hub process at this one's embedded stack (started with {@link #startStack()}). */
    List<String> stackAddresses() {
        return List.of(
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--chat4all.kafka.bootstrap-servers=127.0.0.1:" + kafkaPort,
                "--chat4all.s3.endpoint=http://127.0.0.1:" + s3Port,
                "--chat4all.s3.access-key=chat4all",
                "--chat4all.s3.secret-key=chat4all-local-secret");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/chat4all";
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The OS process id, which Axon's token store names its claims by ({@code <pid>@<host>}). */
    long pid() {
        return process.pid();
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private File launch(String... onceArguments) throws IOException {
        starts++;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-jar",
                Path.of("target/chat4all-hub.jar").toAbsolutePath().toString(),
                "--server.port=" + httpPort,
                "--chat4all.local.data-dir=" + dataDir,
                "--chat4all.local.postgres-port=" + postgresPort,
                "--chat4all.local.kafka-port=" + kafkaPort,
                "--chat4all.local.kafka-controller-port=" + controllerPort,
                "--chat4all.local.s3-port=" + s3Port,
                "--logging.file.name=" + dataDir.resolveSibling("hub.log")));
        command.addAll(extraArguments);
        command.addAll(List.of(onceArguments));
        File output = dataDir.resolveSibling("stdout-" + starts + ".log").toFile();
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start();
        return output;
    }

    /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL child is left running. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the hub shuts down in order. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void awaitReady(Duration timeout, File output) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The hub exited with " + process.exitValue() + "; see " + output);
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The hub was not ready within " + timeout + "; see " + output);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
