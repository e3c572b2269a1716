package io.chat4all.query;

import io.chat4all.events.ConversationScoped;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one event processor of the read model: conversations, messages, files and read marks are
 * projected in the same batches, so each batch of events is read, committed and its token stored
 * once, not once per projection (two processors did each of that twice for the same events).
 *
 * <p>It runs several segments, so several threads (and processes) share the read model. Axon's
 * default keeps one aggregate's events in order; the read model needs one conversation's: a
 * message's events update its conversation's row and the messages a receipt marks, and must not
 * overtake the conversation's creation or each other. So a conversation's events go to one segment,
 * in the event store's order; an event of no conversation (a file upload's) stays per aggregate.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelProcessor {

    /** The processing group of every projection (as in application.yml, chat4all.consistency.projections). */
    public static final String NAME = "read-model";

    static final SequencingPolicy<EventMessage<?>> BY_CONVERSATION =
            event -> event.getPayload() instanceof ConversationScoped scoped
                    ? scoped.conversationId()
                    : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);

    @Bean
    ConfigurerModule conversationOrderInTheReadModel() {
        return configurer -> configurer.eventProcessing().registerSequencingPolicy(NAME, c -> BY_CONVERSATION);
    }
}
