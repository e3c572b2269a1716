package io.chat4all.hub.roles;

import java.util.List;
import java.util.function.Consumer;

import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans the roles need: the silent source that the processors of an absent role are put on. */
@Configuration(proxyBeanMethods = false)
class RoleConfiguration {

    static final String IDLE_SOURCE = "idleEventSource";

    /** A source of events that never publishes one: a processor on it handles nothing and claims nothing. */
    @Bean(IDLE_SOURCE)
    SubscribableMessageSource<EventMessage<?>> idleEventSource() {
        return new SubscribableMessageSource<>() {
            @Override
            public Registration subscribe(Consumer<List<? extends EventMessage<?>>> processor) {
                return () -> true;
            }
        };
    }
}
