package io.chat4all.hub.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 13: a concurrent append is retried quietly, and nothing else is retried. */
class ConcurrentAppendRetryTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentAppendRetry retry = new ConcurrentAppendRetry(executor, 3, 1);
    private final CommandMessage<?> command = GenericCommandMessage.asCommandMessage("confirm");

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aLostRaceForTheNextSequenceNumberIsDispatchedAgainUpToTheLimit() throws InterruptedException {
        RuntimeException lost = new CommandExecutionException("append failed", new ConcurrencyException("seq 3 taken"));
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        java.util.concurrent.CountDownLatch dispatched = new java.util.concurrent.CountDownLatch(3);
        for (int attempt = 1; attempt <= 3; attempt++) {
            failures.add(chain(lost));
            assertThat(retry.scheduleRetry(command, lost, failures, dispatched::countDown))
                    .as("attempt " + attempt)
                    .isTrue();
        }
        assertThat(dispatched.await(5, TimeUnit.SECONDS)).isTrue();
        failures.add(chain(lost));
        assertThat(retry.scheduleRetry(command, lost, failures, () -> {}))
                .as("past the limit")
                .isFalse();
    }

    @Test
    void aRuleTheCommandBreaksOrAnAggregateCreatedTwiceIsItsAnswerNotRetried() {
        List<Class<? extends Throwable>[]> once = new ArrayList<>();
        RuntimeException refused = new HubException(HubError.MESSAGE_ID_CONFLICT);
        once.add(chain(refused));
        assertThat(retry.scheduleRetry(command, refused, once, () -> {})).isFalse();
        RuntimeException twice =
                new CommandExecutionException("exists", new AggregateStreamCreationException("exists"));
        assertThat(retry.scheduleRetry(command, twice, once, () -> {})).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] chain(Throwable failure) {
        return new Class[] {failure.getClass()};
    }
}
