package io.chat4all.hub.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A server of the stack (a Kafka broker, an S3 server) as its own OS process, started from the
 * libraries the packaged hub ships ({@code BOOT-INF/lib} of {@code target/chat4all-hub.jar},
 * unpacked once) plus the test classes, so a test can kill it alone and start it again.
 */
final class ChildJvm {

    private static final Path LIBS = Path.of("target/hub-libs");

    private final String name;
    private final List<String> command;
    private final File output;
    private Process process;

    ChildJvm(String name, Path workDir, String mainClass, String... arguments) throws IOException {
        this.name = name;
        this.output = workDir.resolve(name + ".log").toFile();
        Path logback = workDir.resolve("logback-" + name + ".xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="out"/></root>
                </configuration>
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = unpackedLibs().toAbsolutePath() + File.separator + "*" + File.pathSeparator
                + Path.of("target/test-classes").toAbsolutePath();
        this.command = new ArrayList<>(List.of(
                java,
                "-Xmx384m",
                "-Dlogback.configurationFile=" + logback.toAbsolutePath(),
                "-cp",
                classpath,
                mainClass));
        command.addAll(List.of(arguments));
    }

    /** Starts the process and waits until {@code port} on 127.0.0.1 accepts connections. */
    void start(int port, Duration within) throws IOException, InterruptedException {
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output))
                .start();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + output);
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(
                name + " was not listening on " + port + " within " + within + "; see " + output);
    }

    /** Runs the process to its end (a tool, not a server); fails unless it exits with 0. */
    void runToEnd(Duration within) throws IOException, InterruptedException {
        Process tool = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output))
                .start();
        if (!tool.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) || tool.exitValue() != 0) {
            tool.destroyForcibly();
            throw new IllegalStateException(name + " failed; see " + output);
        }
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path unpackedLibs() throws IOException {
        Path marker = LIBS.resolve(".complete");
        Path jar = Path.of("target/chat4all-hub.jar");
        if (Files.exists(marker) && Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
            return LIBS;
        }
        Files.createDirectories(LIBS);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().startsWith("BOOT-INF/lib/")
                        && entry.getName().endsWith(".jar")) {
                    Path target =
                            LIBS.resolve(Path.of(entry.getName()).getFileName().toString());
                    Files.copy(
                            zip,
                            target,
                            StandardCopyOption.REPLACE_EXISTING); // up to the entry's end; leaves the zip open
                }
            }
        }
        Files.writeString(marker, "unpacked from " + jar);
        return LIBS;
    }
}
