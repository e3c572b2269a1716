package io.chat4all.hub.axon;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command gateway every sender uses (in place of Axon's default): the same, plus the quiet concurrent-append retry. */
@Configuration(proxyBeanMethods = false)
class CommandGatewayConfiguration {

    /** Enough for a handful of processes changing one message at once (a receipt, a routing step, a deadline). */
    private static final int MAX_RETRIES = 5;

    private static final long INTERVAL_MILLIS = 20;

    /**
     * Not a {@code ScheduledExecutorService} bean: Spring's {@code @Scheduled} support would take a
     * lone one for its own scheduler, and the sweepers would run on the retry thread.
     */
    @Bean(destroyMethod = "shutdown")
    ConcurrentAppendRetry concurrentAppendRetry() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return new ConcurrentAppendRetry(executor, MAX_RETRIES, INTERVAL_MILLIS);
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ConcurrentAppendRetry concurrentAppendRetry) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(concurrentAppendRetry)
                .build();
    }
}
