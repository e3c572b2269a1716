package io.chat4all.hub.kafka;

import java.util.concurrent.TimeUnit;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Only for the comparison the README reports: the Kafka extension's own publisher
 * ({@code axon.kafka.publisher.enabled=true}, which switches {@link KafkaOutboxConfiguration} off).
 * The extension registers its tracking processor itself, with Axon's single-threaded default;
 * this gives it the outbox processor's threads, segments and batch size, so that only the
 * publisher differs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.kafka.publisher.enabled", havingValue = "true")
class ExtensionPublisherComparison {

    @Bean
    ConfigurerModule extensionPublisherLikeTheOutbox(
            @Value("${axon.kafka.publisher.processing-group:__axon-kafka-event-publishing-group}") String group,
            @Value("${axon.eventhandling.processors.kafka-outbox.thread-count}") int threads,
            @Value("${axon.eventhandling.processors.kafka-outbox.batch-size}") int batchSize,
            @Value("${axon.eventhandling.processors.kafka-outbox.token-claim-interval}") long claimInterval) {
        return configurer -> configurer
                .eventProcessing()
                .registerTrackingEventProcessorConfiguration(
                        group,
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(threads)
                                .andInitialSegmentsCount(threads)
                                .andBatchSize(batchSize)
                                .andTokenClaimInterval(claimInterval, TimeUnit.MILLISECONDS));
    }
}
