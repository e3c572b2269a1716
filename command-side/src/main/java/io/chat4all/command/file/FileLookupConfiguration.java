package io.chat4all.command.file;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The file lookups are written in the command's transaction; a failure there fails the command. */
@Configuration(proxyBeanMethods = false)
class FileLookupConfiguration {

    @Bean
    ConfigurerModule fileLookupProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor(FileLookups.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(
                        FileLookups.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
