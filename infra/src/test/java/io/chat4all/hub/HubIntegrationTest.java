package io.chat4all.hub;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

import io.chat4all.Chat4AllHub;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of every test that needs the whole hub: one Spring context on the real embedded
 * PostgreSQL, Kafka broker and S3 server, started once per test JVM and shared by all tests.
 */
@SpringBootTest(classes = Chat4AllHub.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class HubIntegrationTest {

    private static final Path TEST_DATA = Path.of("target/test-data");

    static {
        useFreshDataDirectory();
    }

    /**
     * A fresh data directory per test JVM (named by its pid, so two test runs side by side do
     * not share one); directories of earlier runs are removed once they are an hour old.
     */
    private static synchronized void useFreshDataDirectory() {
        if (System.getProperty("chat4all.local.data-dir") != null) {
            return;
        }
        try {
            Files.createDirectories(TEST_DATA);
            try (Stream<Path> runs = Files.list(TEST_DATA)) {
                runs.filter(dir -> isOlderThan(dir, Duration.ofHours(1))).forEach(HubIntegrationTest::delete);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path dir = TEST_DATA.resolve("run-" + ProcessHandle.current().pid());
        delete(dir);
        System.setProperty("chat4all.local.data-dir", dir.toString());
    }

    private static boolean isOlderThan(Path dir, Duration age) {
        try {
            return Files.getLastModifiedTime(dir)
                    .toInstant()
                    .isBefore(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
