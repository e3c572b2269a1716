package io.chat4all.hub.scaleout;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Axon's event store as its Spring Boot starter builds it, with one change: how soon a tracking
 * processor sees events stored by another process. Within one process a commit wakes the
 * processors at once; events written elsewhere are only found by polling the store, every second
 * by default. With the projections in a process of their own, every write of the {@code api}
 * process waited up to that second for its read-your-writes (measured: about 1 s per
 * conversation created, against milliseconds in one process). Polling more often costs one small
 * query per interval while idle.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    @Primary
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration, ScaleOutSettings settings) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(settings.eventPollEvery().toMillis())
                .build();
    }
}
