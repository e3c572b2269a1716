package io.chat4all.command.conversation;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The lookups are updated by a subscribing processor, inside the command's transaction, and a
 * failure there must fail the command (the default handler would log it and carry on).
 */
@Configuration(proxyBeanMethods = false)
class ConversationLookupConfiguration {

    @Bean
    ConfigurerModule conversationLookupProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor(ConversationLookups.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(
                        ConversationLookups.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
