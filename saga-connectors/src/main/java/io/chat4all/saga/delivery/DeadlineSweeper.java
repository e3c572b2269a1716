package io.chat4all.saga.delivery;

import java.time.Instant;
import java.util.List;

import io.chat4all.events.BrokerStatus;
import io.chat4all.events.message.FailMessageCommand;
import io.chat4all.saga.sweep.SweepLock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fails routed messages whose channels did not all confirm in time. The deadlines are rows in
 * PostgreSQL, so they survive a restart: a message routed just before a crash still ends FAILED
 * (or DELIVERED) afterwards. They count the hub's running time: each sweep first moves the
 * running-time clock on, unless Kafka is unreachable (nothing could confirm then). Failing is
 * idempotent: a message delivered meanwhile stays DELIVERED, and the {@link MessageRouter},
 * seeing either outcome, removes the row.
 *
 * <p>It runs in processes with the {@code delivery} role, one at a time across them ({@link SweepLock}):
 * two sweeping at once would only send each failure twice, but the clock must tick once per round.
 */
@Component
@ConditionalOnProperty(name = "chat4all.role.delivery", havingValue = "true", matchIfMissing = true)
class DeadlineSweeper {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);
    private static final int BATCH = 500;

    private final JdbcDeliveryDeadlines deadlines;
    private final CommandGateway commands;
    private final DeliverySettings settings;
    private final BrokerStatus broker;
    private final SweepLock lock;

    DeadlineSweeper(
            JdbcDeliveryDeadlines deadlines,
            CommandGateway commands,
            DeliverySettings settings,
            BrokerStatus broker,
            SweepLock lock) {
        this.lock = lock;
        this.deadlines = deadlines;
        this.commands = commands;
        this.settings = settings;
        this.broker = broker;
    }

    @Scheduled(fixedDelayString = "${chat4all.delivery.sweep-every:1s}")
    void sweep() {
        lock.runExclusively("delivery-deadline", this::failOverdueMessages);
    }

    void failOverdueMessages() {
        boolean kafkaUp = broker.isReachable();
        long clock = deadlines.tick(kafkaUp, settings.sweepEvery().multipliedBy(2));
        if (!kafkaUp) {
            return; // receipts cannot come in; their messages' time stands still
        }
        List<String> due = deadlines.due(clock, BATCH);
        for (String messageId : due) {
            String reason = "Not every channel confirmed delivery within "
                    + settings.deadline().toSeconds() + " s";
            // A message delivered before its row was removed still has it: the aggregate ignores this then.
            if (Boolean.TRUE.equals(commands.sendAndWait(new FailMessageCommand(messageId, reason, Instant.now())))) {
                log.warn("Message {} failed: {}", messageId, reason);
            } else {
                log.debug("Deadline of message {} passed after it was final; removed", messageId);
            }
            deadlines.cancel(messageId); // the router does too when it sees the failure; either is enough
        }
    }
}
