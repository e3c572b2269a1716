package io.chat4all.hub.localstack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * The embedded servers of this JVM. Each starts at most once per JVM, however many Spring
 * contexts (tests) ask for it, and all stop after the last context has closed: Boot runs its
 * shutdown handlers after closing the contexts, so no processor is cut off mid-batch.
 */
final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private static CompletableFuture<EmbeddedPostgresServer> postgres;
    private static CompletableFuture<EmbeddedKafkaBroker> kafka;
    private static CompletableFuture<EmbeddedS3Server> s3;
    private static final List<AutoCloseable> running = new ArrayList<>();
    private static boolean shutdownHandlerAdded;

    private LocalStack() {}

    /**
     * Starts the parts asked for (side by side: each takes seconds) unless this JVM runs them
     * already, and returns the Spring properties that point the hub at them.
     */
    static synchronized Map<String, Object> start(
            LocalStackProperties config, boolean needPostgres, boolean needKafka, boolean needS3) {
        if (!needPostgres && !needKafka && !needS3) {
            return Map.of();
        }
        if (!shutdownHandlerAdded) {
            SpringApplication.getShutdownHandlers().add(LocalStack::stop);
            shutdownHandlerAdded = true;
        }
        long started = System.nanoTime();
        if (needPostgres && postgres == null) {
            postgres = startAsync(() -> EmbeddedPostgresServer.start(config.dataDir(), config.postgresPort()));
        }
        if (needKafka && kafka == null) {
            kafka = startAsync(() ->
                    EmbeddedKafkaBroker.start(config.dataDir(), config.kafkaPort(), config.kafkaControllerPort()));
        }
        if (needS3 && s3 == null) {
            s3 = startAsync(() -> EmbeddedS3Server.start(
                    config.dataDir(), config.s3Port(), config.s3AccessKey(), config.s3SecretKey()));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        try {
            if (needPostgres) {
                properties.put("spring.datasource.url", postgres.join().jdbcUrl());
                properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
                properties.put("spring.datasource.password", "");
            }
            if (needKafka) {
                properties.put("chat4all.kafka.bootstrap-servers", kafka.join().bootstrapServers());
            }
            if (needS3) {
                properties.put("chat4all.s3.endpoint", s3.join().endpoint());
                properties.put("chat4all.s3.access-key", config.s3AccessKey());
                properties.put("chat4all.s3.secret-key", config.s3SecretKey());
            }
        } catch (CompletionException e) {
            // Wait for the others, then stop whatever did start: nothing stays running half-configured.
            CompletableFuture.allOf(futures()).exceptionally(t -> null).join();
            stop();
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("The embedded local stack did not start: " + cause.getMessage(), cause);
        }
        log.info(
                "Embedded local stack ready in {} ms (data directory {})",
                (System.nanoTime() - started) / 1_000_000,
                config.dataDir().toAbsolutePath().normalize());
        return properties;
    }

    private static CompletableFuture<?>[] futures() {
        return java.util.stream.Stream.of(postgres, kafka, s3)
                .filter(java.util.Objects::nonNull)
                .toArray(CompletableFuture[]::new);
    }

    private interface ServerStart<T extends AutoCloseable> {
        T start() throws Exception;
    }

    /**
     * On a thread of its own with the caller's class loader: the broker loads its classes by name
     * through the context class loader, and the common pool's threads have the system one on newer
     * JDKs (on 25 the embedded Kafka did not start from the Spring Boot jar).
     */
    private static <T extends AutoCloseable> CompletableFuture<T> startAsync(ServerStart<T> start) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Executor ownThread = task -> {
            Thread thread = new Thread(task, "local-stack-start");
            thread.setContextClassLoader(loader);
            thread.start();
        };
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        T server = start.start();
                        synchronized (running) {
                            running.add(server);
                        }
                        return server;
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                },
                ownThread);
    }

    /** Stops what was started, in reverse order of start. */
    static void stop() {
        synchronized (LocalStack.class) {
            postgres = null;
            kafka = null;
            s3 = null;
        }
        List<AutoCloseable> servers;
        synchronized (running) {
            servers = new ArrayList<>(running);
            running.clear();
        }
        Collections.reverse(servers);
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", server.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
