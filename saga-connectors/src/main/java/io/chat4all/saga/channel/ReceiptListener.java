package io.chat4all.saga.channel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.chat4all.events.Topics;
import io.chat4all.events.channel.ChannelReceipt;
import io.chat4all.events.message.Channel;
import io.chat4all.events.message.ConfirmChannelDeliveryCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns the connectors' receipts into commands on the command side; a duplicate receipt changes
 * nothing there. Receipts come in batches (one poll) and a batch's commands run in one unit of
 * work and one transaction: one commit per poll, not one per receipt (on the local command bus
 * each command runs in this thread and joins it, as the router's do). Should any of them fail (a
 * receipt for an unknown message, a concurrent append), the batch is rolled back and each receipt
 * is confirmed again on its own, so that one bad receipt holds up none beside it. The batch's
 * offsets are committed only when its receipts are (the commands are idempotent). It starts only
 * in a process with the {@code delivery} role ({@code chat4all.receipts.enabled}, which the roles
 * switch off).
 */
@Component
class ReceiptListener {

    static final String LISTENER_ID = "receipt-listener";
    private static final Logger log = LoggerFactory.getLogger(ReceiptListener.class);

    private final CommandGateway commands;
    private final ChannelJson json;
    private final TransactionManager transactions;

    ReceiptListener(CommandGateway commands, ChannelJson json, TransactionManager transactions) {
        this.commands = commands;
        this.json = json;
        this.transactions = transactions;
    }

    @KafkaListener(
            id = LISTENER_ID,
            topics = Topics.RECEIPTS,
            groupId = "chat4all-receipts",
            concurrency = "${chat4all.receipts.consumers:1}",
            batch = "true",
            autoStartup = "${chat4all.receipts.enabled:true}")
    void on(List<String> values) {
        List<ConfirmChannelDeliveryCommand> confirmations = new ArrayList<>();
        for (String value : values) {
            ConfirmChannelDeliveryCommand confirmation = toCommand(value);
            if (confirmation == null) {
                // It can never succeed; failing the batch for it would hold up the receipts beside it.
                log.warn(
                        "Malformed receipt on {} ignored (message_id, channel, recipients and delivered_at are required)",
                        Topics.RECEIPTS);
            } else {
                confirmations.add(confirmation);
            }
        }
        if (confirmations.isEmpty()) {
            return;
        }
        try {
            UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
            batch.attachTransaction(transactions);
            batch.execute(() -> confirmations.forEach(commands::sendAndWait));
        } catch (RuntimeException failed) {
            log.debug(
                    "A batch of {} receipts failed ({}); confirming each alone",
                    confirmations.size(),
                    failed.toString());
            confirmations.forEach(this::confirmAlone);
        }
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

    private void confirmAlone(ConfirmChannelDeliveryCommand confirmation) {
        try {
            commands.sendAndWait(confirmation);
        } catch (AggregateNotFoundException e) {
            log.warn("Receipt for unknown message {} ignored", confirmation.messageId());
        }
    }
}
