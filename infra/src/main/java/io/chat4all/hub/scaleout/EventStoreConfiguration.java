package io.chat4all.hub.scaleout;

import java.time.Duration;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Axon's event store as its Spring Boot starter builds it, with one change: how soon a tracking
 * processor sees events stored by another process. Within one process a commit wakes the
 * processors at once; events written elsewhere are only found by polling the store, every second
 * by default. With the projections in a process of their own, every write of the {@code api}
 * process waited up to that second for its read-your-writes (measured: about 1 s per
 * conversation created, against milliseconds in one process). Polling more often costs one small
 * query per interval while idle.
 *
 * <p>The delay can only be given to the store's builder, and a store of our own would make the
 * starter back off from the JPA storage engine too (it steps aside for any event bus): so the
 * starter's store (a bean named {@code eventBus} in Axon 4.13), not yet used by anyone, is swapped
 * for one built the same way (no message monitor or tracing module is on the classpath) with the
 * shorter delay. Measured with the projections in another process than the api: 0.6–1.0 s per
 * conversation created before, 70–150 ms after.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    static BeanPostProcessor eventStorePolling(ObjectProvider<EventStorageEngine> storageEngine, Environment env) {
        Duration every = Binder.get(env)
                .bind("chat4all.scale-out.event-poll-every", Duration.class)
                .orElse(Duration.ofMillis(100));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof EmbeddedEventStore starters)) {
                    return bean;
                }
                starters.shutDown(); // never opened: nothing runs in it yet
                LoggerFactory.getLogger(EventStoreConfiguration.class)
                        .info(
                                "Event store {}: events stored by other processes are looked for every {} ms",
                                name,
                                every.toMillis());
                return EmbeddedEventStore.builder()
                        .storageEngine(storageEngine.getObject())
                        .fetchDelay(every.toMillis())
                        .build();
            }
        };
    }
}
