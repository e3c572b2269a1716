package io.chat4all.saga.delivery;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A delivery that fails (the database briefly unreachable, say) must be retried, not logged
 * and skipped: the worker's batch rolls back, its position stays, and the processor tries the
 * batch again with back-off. Every accepted message thus ends DELIVERED or FAILED.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryWorkerConfiguration {

    @Bean
    ConfigurerModule deliveryWorkerErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DeliveryWorker.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
