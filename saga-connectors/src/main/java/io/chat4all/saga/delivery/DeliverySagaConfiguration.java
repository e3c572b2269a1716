package io.chat4all.saga.delivery;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A delivery step that fails (the database or the broker briefly unreachable, say) must be
 * retried, not logged and skipped: the saga processor's batch rolls back, its position stays,
 * and it tries the batch again with back-off. Every accepted message thus ends DELIVERED or FAILED.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling // the deadline sweeper
class DeliverySagaConfiguration {

    static final String SAGA_STORE = "deliverySagaStore";

    /**
     * The delivery saga's instances live in memory. A saga only remembers its message id, to
     * cancel the deadline when the message ends; everything that must outlive the process is
     * elsewhere: the deadline in {@code delivery_deadline}, the status in the Message aggregate.
     * A saga lost in a restart (or when its segment moves to another instance) thus changes
     * nothing: its message still ends DELIVERED by its receipts or FAILED at the deadline, and a
     * deadline that outlives a delivered message is a no-op when it fires (the aggregate ignores
     * a late failure). A JPA saga store cost about eight database round trips per message, one
     * after the other in the saga processor, which capped channel delivery far below the accept rate.
     */
    @Bean(SAGA_STORE)
    SagaStore<Object> deliverySagaStore() {
        return new IndexedInMemorySagaStore();
    }

    @Bean
    ConfigurerModule deliverySagaErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DeliverySaga.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(InAppDelivery.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
