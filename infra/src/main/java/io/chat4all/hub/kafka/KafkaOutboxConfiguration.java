package io.chat4all.hub.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the event-store-to-Kafka outbox: one idempotent producer and the tracking processor's handler.
 * Off when the Kafka extension's own publisher is switched on instead ({@code axon.kafka.publisher.enabled},
 * for the comparison the README reports; its processing group is then set to {@code kafka-outbox}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.kafka.publisher.enabled", havingValue = "false", matchIfMissing = true)
class KafkaOutboxConfiguration {

    /** How long a batch waits for Kafka's acknowledgements before it is rolled back and retried. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> outboxProducer(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "chat4all-outbox");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The converter is Axon's own (the extension's, so consumers can read the records back) and
     * depends on Axon's configuration, which depends on this module: it is looked up lazily.
     */
    @Bean
    @SuppressWarnings("unchecked")
    ConfigurerModule kafkaOutboxModule(
            ObjectProvider<Producer<String, byte[]>> outboxProducer,
            ObjectProvider<KafkaMessageConverter<?, ?>> converter) {
        return configurer -> configurer
                .eventProcessing()
                .registerEventHandler(c -> new KafkaOutboxPublisher(
                        outboxProducer.getObject(),
                        (KafkaMessageConverter<String, byte[]>) converter.getObject(),
                        ACK_TIMEOUT))
                .assignHandlerTypesMatching(KafkaOutboxPublisher.PROCESSING_GROUP, KafkaOutboxPublisher.class::equals)
                // Never skip an event: a failed batch is retried, not logged and passed over.
                .registerListenerInvocationErrorHandler(
                        KafkaOutboxPublisher.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
