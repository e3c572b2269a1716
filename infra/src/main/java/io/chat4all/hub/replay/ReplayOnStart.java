package io.chat4all.hub.replay;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link ReplaySettings#onStart()}: the read model is rebuilt as this process starts, its
 * projections' tokens reset in the start-up phase just before Axon starts the event processors.
 */
@Configuration(proxyBeanMethods = false)
class ReplayOnStart {

    /** The replay depends on Axon's configuration, which depends on this module: it is looked up lazily. */
    @Bean
    @ConditionalOnProperty(name = "chat4all.role.projections", havingValue = "true", matchIfMissing = true)
    ConfigurerModule replayBeforeProcessorsStart(ReplaySettings settings, ObjectProvider<ReadModelReplay> replay) {
        return configurer -> {
            if (settings.onStart()) {
                configurer.onStart(
                        Phase.INBOUND_EVENT_CONNECTORS - 1,
                        () -> replay.getObject().startBeforeProcessors());
            }
        };
    }
}
