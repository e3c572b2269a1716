package io.chat4all.hub.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.chat4all.hub.roles.Role;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AbstractEventProcessor;

/**
 * Whether an event type is read back from {@code chat4all.events}: the message router is the
 * topic's only reader ({@link Role#DELIVERY}, beside the outbox; where the role is absent it is
 * still registered, on an idle source). Its handlers are asked once per type, as Axon's
 * processors decide what they handle; without the router every type counts as read.
 */
final class KafkaReaders implements Predicate<Class<?>> {

    static final String ROUTER = "delivery-router";

    private final Configuration axon;
    private final Map<Class<?>, Boolean> byType = new ConcurrentHashMap<>();

    KafkaReaders(Configuration axon) {
        this.axon = axon;
    }

    @Override
    public boolean test(Class<?> payloadType) {
        return byType.computeIfAbsent(payloadType, this::read);
    }

    private boolean read(Class<?> type) {
        return axon.eventProcessingConfiguration()
                .eventProcessor(ROUTER, AbstractEventProcessor.class)
                .map(router -> router.eventHandlerInvoker().canHandleType(type))
                .orElse(true);
    }
}
