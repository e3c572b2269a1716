package io.chat4all.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static {
        wipeTestDataOnce();
    }

    private static boolean wiped;

    /** A fresh data directory per test JVM, so runs do not see each other's messages. */
    private static synchronized void wipeTestDataOnce() {
        if (wiped) {
            return;
        }
        wiped = true;
        Path dir = Path.of("target/test-data");
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
