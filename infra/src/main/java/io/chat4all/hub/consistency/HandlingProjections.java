package io.chat4all.hub.consistency;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Which projections a write has to wait for: those that handle its event's type. A tracking
 * processor stores its token with the batches it handles; an event it has no handler for only
 * moves its token on later (on an idle tick), so waiting for it would wait for nothing. A
 * projection that does not run in this process is waited for whatever the type (it cannot be asked).
 * Handled types are cached per type; whether a local projection holds segments is asked each time
 * (an in-memory map read).
 */
@Component
class HandlingProjections {

    private final EventProcessingConfiguration processing;
    private final ConsistencySettings settings;
    private final Map<String, List<String>> byPayloadType = new ConcurrentHashMap<>();

    HandlingProjections(@Lazy EventProcessingConfiguration processing, ConsistencySettings settings) {
        this.processing = processing;
        this.settings = settings;
    }

    /**
     * The projections to wait for: those handling the type, less any that runs here but holds no
     * segment yet (just after a restart, until the dead process's claims time out): waiting for
     * one of those would only hold every write for the whole bound.
     */
    List<String> of(String payloadType) {
        return byPayloadType
                .computeIfAbsent(
                        payloadType,
                        type -> settings.projections().stream()
                                .filter(projection -> handles(projection, type))
                                .toList())
                .stream()
                .filter(this::mayProgress)
                .toList();
    }

    /**
     * The hash by which the projection's segments share its events (Axon's invoker: the sequencing
     * policy's identifier, else the event's own), so that a write waits only for the segment with its
     * event; null if the policy cannot tell, and then the write waits for every segment.
     */
    Integer sequenceHash(String projection, EventMessage<?> event) {
        try {
            Object id = processing.sequencingPolicy(projection).getSequenceIdentifierFor(event);
            return Objects.hashCode(id == null ? event.getIdentifier() : id);
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    /** The segments of the projection that this process runs now (none if it runs elsewhere). */
    Set<Integer> localSegments(String projection) {
        return processing
                .eventProcessor(projection)
                .filter(StreamingEventProcessor.class::isInstance)
                .map(p -> ((StreamingEventProcessor) p).processingStatus().keySet())
                .orElse(Set.of());
    }

    private boolean mayProgress(String projection) {
        Optional<EventProcessor> processor = processing.eventProcessor(projection);
        return processor.isEmpty()
                || !(processor.get() instanceof StreamingEventProcessor local)
                || local.isRunning() && !local.processingStatus().isEmpty();
    }

    private boolean handles(String projection, String payloadType) {
        Optional<EventProcessor> processor = processing.eventProcessor(projection);
        if (processor.isEmpty() || !(processor.get() instanceof AbstractEventProcessor local)) {
            return true;
        }
        try {
            return local.eventHandlerInvoker().canHandleType(Class.forName(payloadType));
        } catch (ClassNotFoundException unknown) {
            return false; // no handler here can take a type this process does not know
        }
    }
}
