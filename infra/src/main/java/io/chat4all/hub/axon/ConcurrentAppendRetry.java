package io.chat4all.hub.axon;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a command whose events lost the race for their aggregate's next sequence number to
 * another process (or thread): the event store's unique (aggregate, sequence) key refused the
 * append, Axon calls that a {@link ConcurrencyException}, and the command, run again on the
 * aggregate as now stored (a stale cached copy was evicted with the rollback), decides afresh.
 * Only that failure is retried; any other (a rule the command broke, an aggregate created twice)
 * is the command's answer. One WARN line per retry, no stack: it is expected with several instances.
 */
final class ConcurrentAppendRetry implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentAppendRetry.class);

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final long intervalMillis;

    ConcurrentAppendRetry(ScheduledExecutorService executor, int maxRetries, long intervalMillis) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public boolean scheduleRetry(
            CommandMessage commandMessage,
            RuntimeException lastFailure,
            List<Class<? extends Throwable>[]> failures,
            Runnable commandDispatch) {
        if (!isConcurrentAppend(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        // Spread the retries out, so that two processes that collided do not collide again.
        long delay =
                intervalMillis * failures.size() + ThreadLocalRandom.current().nextLong(intervalMillis + 1);
        log.warn(
                "{} met a concurrent append to its aggregate (another process or thread changed it first); retry {} of {} in {} ms",
                commandMessage.getCommandName(),
                failures.size(),
                maxRetries,
                delay);
        executor.schedule(commandDispatch, delay, TimeUnit.MILLISECONDS);
        return true;
    }

    void shutdown() {
        executor.shutdownNow();
    }

    static boolean isConcurrentAppend(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
