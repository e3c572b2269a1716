package io.chat4all.query;

import java.util.List;

import io.chat4all.events.ConversationScoped;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projections run several segments, so several threads (and processes) share the read model.
 * Axon's default keeps one aggregate's events in order; the read model needs one conversation's:
 * a message's events update its conversation's row and the messages a receipt marks, and must not
 * overtake the conversation's creation or each other. So a conversation's events go to one segment,
 * in the event store's order; an event of no conversation (a file upload's) stays per aggregate.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelSequencing {

    /** The read model's processing groups (as in application.yml, chat4all.consistency.projections). */
    static final List<String> PROJECTIONS = List.of("conversation-projection", "message-projection");

    static final SequencingPolicy<EventMessage<?>> BY_CONVERSATION =
            event -> event.getPayload() instanceof ConversationScoped scoped
                    ? scoped.conversationId()
                    : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);

    @Bean
    ConfigurerModule conversationOrderInTheReadModel() {
        return configurer -> PROJECTIONS.forEach(
                group -> configurer.eventProcessing().registerSequencingPolicy(group, c -> BY_CONVERSATION));
    }
}
