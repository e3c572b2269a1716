package io.chat4all.hub.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's binaries from Maven) whose cluster lives in the data
 * directory, so a restart keeps everything. It runs as a child process: when the hub was
 * killed with SIGKILL the old postmaster is still running on our data directory, so it is
 * stopped before a new one starts.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "chat4all";
    static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration LEFTOVER_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start(Path dataDir, int configuredPort) throws IOException {
        Path clusterDir = dataDir.resolve("postgres");
        Files.createDirectories(clusterDir);
        stopLeftoverPostmaster(clusterDir);
        int port = Ports.claim(configuredPort, "PostgreSQL", "chat4all.local.postgres-port");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(clusterDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false) // LocalStack stops it after the Spring context has closed
                .setPGStartupWait(Duration.ofSeconds(60)) // crash recovery after a kill can take a while
                // The server's own log, kept beside its data for diagnosis rather than in the hub's log.
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("postgres.log").toFile()))
                // zonky turns these off for speed; an "accepted" message must survive a power cut.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // A fresh database's statistics say its tables are empty until the first autoanalyze
                // (after 1 min by default); meanwhile the planner walks the whole event table's
                // primary key for every event processor's read that has gaps in its token
                // (measured: ~10,000 rows per read under load). Statistics after seconds, not a minute.
                .setServerConfig("autovacuum_naptime", "5s")
                .start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
        server.createDatabaseIfMissing();
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfMissing() throws IOException {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(adminUrl, USER, "");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + DATABASE);
                    log.info("Created database {}", DATABASE);
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "select current_setting('fsync'), current_setting('synchronous_commit'), current_setting('server_version')")) {
                rs.next();
                log.info(
                        "Embedded PostgreSQL {} on 127.0.0.1:{} (fsync={}, synchronous_commit={})",
                        rs.getString(3),
                        postgres.getPort(),
                        rs.getString(1),
                        rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IOException("Embedded PostgreSQL started but cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * A postmaster.pid naming a live postgres process means a hub on this data directory died
     * without stopping its server. A fast shutdown (SIGINT would be PostgreSQL's "fast"; Java
     * sends SIGTERM, the "smart" mode, which is enough once the dead JVM's sessions are gone)
     * leaves a consistent cluster for the new server.
     */
    private static void stopLeftoverPostmaster(Path clusterDir) throws IOException {
        ensureNoLiveHubOwns(clusterDir);
        Path pidFile = clusterDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return; // stale pid file of a dead server: PostgreSQL itself handles that
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier hub", pid, clusterDir);
        ProcessHandle postmaster = process.get();
        postmaster.destroy();
        try {
            postmaster.onExit().get(LEFTOVER_STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL (pid {}) did not stop in {} s; killing it", pid, LEFTOVER_STOP_TIMEOUT.toSeconds());
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
        }
    }

    /**
     * zonky holds an OS lock on {@code epg-lock} while its JVM lives: if it is taken, the
     * server belongs to a running hub, not to a dead one, and must not be touched.
     */
    private static void ensureNoLiveHubOwns(Path clusterDir) throws IOException {
        Path lockFile = clusterDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException(
                        "The data directory "
                                + clusterDir.getParent().toAbsolutePath().normalize()
                                + " is in use by another running hub; stop it or set chat4all.local.data-dir (CHAT4ALL_DATA_DIR)");
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("This JVM already runs a PostgreSQL server on " + clusterDir, e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
