package io.chat4all.saga.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends the commands of one event-processor batch side by side and lets the batch commit (and
 * the processor's position move on) only when every one of them has succeeded. Each command
 * waits on the database; one after the other they would cap delivery far below the accept
 * rate. A failure rolls the batch back and the processor retries it: the commands must be
 * idempotent, as Kafka is at least once anyway.
 */
@Component
class BatchCommands implements DeliveryCommands, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BatchCommands.class);
    private static final String PENDING = BatchCommands.class.getName() + ".pending";
    private static final int THREADS = 32;
    /** Set on the executor's own threads: a step running there must not wait for the executor again. */
    private static final ThreadLocal<Boolean> ON_EXECUTOR = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final CommandGateway commands;
    private final ExecutorService executor;

    BatchCommands(CommandGateway commands) {
        this.commands = commands;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(() -> {
                ON_EXECUTOR.set(Boolean.TRUE);
                task.run();
            }, "delivery-command-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends {@code command} now; the current batch waits for it before it commits. */
    @Override
    public void send(Object command) {
        CompletableFuture<Object> sent = CompletableFuture.supplyAsync(() -> commands.sendAndWait(command), executor);
        pendingOfThisBatch().add(sent);
    }

    @Override
    public void runWithinBatch(Runnable step) {
        pendingOfThisBatch().add(CompletableFuture.supplyAsync(() -> {
            step.run();
            return null;
        }, executor));
    }

    /** In its own transaction, committed when this returns (not held until the batch commits). */
    @Override
    public void sendAndWait(Object command) {
        if (ON_EXECUTOR.get()) {
            // Already beside the batch (a step of runWithinBatch): queueing behind the other
            // steps and waiting for them would starve the pool once every thread waits so.
            commands.sendAndWait(command);
            return;
        }
        CompletableFuture.supplyAsync(() -> commands.sendAndWait(command), executor).join();
    }

    @Override
    public void sendInBackground(Object command) {
        CompletableFuture.runAsync(() -> commands.sendAndWait(command), executor).exceptionally(failure -> {
            log.warn("{} failed: {}", command.getClass().getSimpleName(), failure.getMessage());
            return null;
        });
    }

    private List<CompletableFuture<Object>> pendingOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            List<CompletableFuture<Object>> pending = new ArrayList<>();
            batch.onPrepareCommit(u -> CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join());
            return pending;
        });
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
