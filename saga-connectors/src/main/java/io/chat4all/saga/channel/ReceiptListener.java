package io.chat4all.saga.channel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.chat4all.events.Topics;
import io.chat4all.events.channel.ChannelReceipt;
import io.chat4all.events.message.Channel;
import io.chat4all.events.message.ConfirmChannelDeliveryCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns the connectors' receipts into commands on the command side; a duplicate receipt changes
 * nothing there. Receipts come in batches (one poll); their commands run side by side, each
 * waiting on its own commit, and the batch's offsets are committed only when all succeeded
 * (a failure redelivers the batch: the commands are idempotent). It starts only in a process with
 * the {@code delivery} role ({@code chat4all.receipts.enabled}, which the roles switch off).
 */
@Component
class ReceiptListener implements DisposableBean {

    static final String LISTENER_ID = "receipt-listener";
    private static final Logger log = LoggerFactory.getLogger(ReceiptListener.class);
    /**
     * Each receipt's command waits on its own commit (~40 ms under load): with half of the
     * messages sent to both channels, 8 threads fell behind by seconds, 24 keep up.
     */
    private static final int THREADS = 24;

    private final CommandGateway commands;
    private final ChannelJson json;
    private final ExecutorService executor;

    ReceiptListener(CommandGateway commands, ChannelJson json) {
        this.commands = commands;
        this.json = json;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "receipt-command-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @KafkaListener(
            id = LISTENER_ID,
            topics = Topics.RECEIPTS,
            groupId = "chat4all-receipts",
            concurrency = "2",
            batch = "true",
            autoStartup = "${chat4all.receipts.enabled:true}")
    void on(List<String> values) {
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        for (String value : values) {
            ConfirmChannelDeliveryCommand confirmation = toCommand(value);
            if (confirmation == null) {
                // It can never succeed; failing the batch for it would hold up the receipts beside it.
                log.warn(
                        "Malformed receipt on {} ignored (message_id, channel, recipients and delivered_at are required)",
                        Topics.RECEIPTS);
                continue;
            }
            confirmations.add(CompletableFuture.runAsync(() -> confirm(confirmation), executor));
        }
        CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).join();
    }

    private ConfirmChannelDeliveryCommand toCommand(String value) {
        ChannelReceipt receipt = json.readOrNull(value, ChannelReceipt.class);
        if (receipt == null
                || receipt.messageId() == null
                || receipt.channel() == null
                || receipt.recipients() == null
                || receipt.recipients().contains(null)
                || receipt.deliveredAt() == null) {
            return null;
        }
        return Arrays.stream(Channel.values())
                .filter(channel -> channel.name().equals(receipt.channel().toUpperCase(Locale.ROOT)))
                .findFirst()
                .map(channel -> new ConfirmChannelDeliveryCommand(
                        receipt.messageId(), channel, receipt.recipients(), receipt.deliveredAt()))
                .orElse(null);
    }

    private void confirm(ConfirmChannelDeliveryCommand confirmation) {
        try {
            commands.sendAndWait(confirmation);
        } catch (AggregateNotFoundException e) {
            log.warn("Receipt for unknown message {} ignored", confirmation.messageId());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
