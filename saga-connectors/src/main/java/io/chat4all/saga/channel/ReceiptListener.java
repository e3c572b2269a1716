package io.chat4all.saga.channel;

import java.util.Locale;

import io.chat4all.events.Topics;
import io.chat4all.events.channel.ChannelReceipt;
import io.chat4all.events.message.Channel;
import io.chat4all.events.message.ConfirmChannelDeliveryCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Turns the connectors' receipts into commands on the command side; a duplicate receipt changes nothing there. */
@Component
class ReceiptListener {

    private static final Logger log = LoggerFactory.getLogger(ReceiptListener.class);

    private final CommandGateway commands;
    private final ChannelJson json;

    ReceiptListener(CommandGateway commands, ChannelJson json) {
        this.commands = commands;
        this.json = json;
    }

    @KafkaListener(topics = Topics.RECEIPTS, groupId = "chat4all-receipts", concurrency = "3")
    void on(String value) {
        ChannelReceipt receipt = json.read(value, ChannelReceipt.class);
        try {
            commands.sendAndWait(new ConfirmChannelDeliveryCommand(receipt.messageId(),
                    Channel.valueOf(receipt.channel().toUpperCase(Locale.ROOT)), receipt.recipients(), receipt.deliveredAt()));
        } catch (AggregateNotFoundException e) {
            log.warn("Receipt for unknown message {} ignored", receipt.messageId());
        }
    }
}
