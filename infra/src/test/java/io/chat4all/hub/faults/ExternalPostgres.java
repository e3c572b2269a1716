package io.chat4all.hub.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server (zonky's binaries, as the embedded one) started by a process of its own,
 * so a test can take the database away from the hub and bring it back. Taking it away is
 * PostgreSQL's immediate shutdown (SIGQUIT to the postmaster: every connection dies at once, no
 * checkpoint, crash recovery at the next start), the nearest a test gets to a crashed database
 * server without leaving orphan backends behind.
 */
final class ExternalPostgres {

    static final String DATABASE = "chat4all";

    private final int port = ChildJvm.freePort();
    private final Path dataDir;
    private final ChildJvm launcher;

    ExternalPostgres(Path workDir) throws IOException {
        dataDir = workDir.resolve("pg-data");
        Files.createDirectories(dataDir);
        launcher = new ChildJvm(
                "postgres",
                workDir,
                ExternalPostgres.class.getName(),
                Integer.toString(port),
                dataDir.toAbsolutePath().toString());
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Starts the server and waits until the hub's database takes connections. */
    void start() throws IOException, InterruptedException {
        launcher.start(port, Duration.ofSeconds(90));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(jdbcUrl(), "postgres", "")) {
                return;
            } catch (java.sql.SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "PostgreSQL on " + port + " did not take connections: " + notYet.getMessage(), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Immediate shutdown of the server, and its launcher killed. */
    void crash() throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            launcher.kill();
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        Process quit = new ProcessBuilder("kill", "-QUIT", Long.toString(pid))
                .inheritIO()
                .start();
        quit.waitFor();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        launcher.kill();
    }

    /** The launcher: {@code ExternalPostgres <port> <data directory>}; the server outlives it. */
    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[1]))
                .setCleanDataDirectory(false)
                .setPort(Integer.parseInt(args[0]))
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + args[0] + "/postgres", "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                s.execute("create database " + DATABASE);
            }
        }
        Thread.currentThread().join();
    }
}
