package io.chat4all.saga.delivery;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A delivery step that fails (the database or the broker briefly unreachable, say) must be
 * retried, not logged and skipped: the router's batch rolls back, its position stays, and the
 * processor tries the batch again with back-off. Every accepted message thus ends DELIVERED or FAILED.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling // the deadline sweeper
class DeliveryConfiguration {

    @Bean
    ConfigurerModule deliveryErrorHandling() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        MessageRouter.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
