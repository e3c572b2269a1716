package io.chat4all.hub.consistency;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells {@link ReadModelCatchUp} when a projection that runs in this process has committed a
 * batch, and how far it got, so that the writes waiting for it are answered at once, without
 * reading the token store again (it read it every 10 ms while writes waited: about one query per
 * message under load). Projections in other processes are still followed through the token store.
 */
@Configuration(proxyBeanMethods = false)
class LocalProjectionCommits {

    /** The catch-up is looked up lazily: it needs Axon's serializer, which needs this module's configurer. */
    @Bean
    ConfigurerModule reportLocalProjectionCommits(
            ConsistencySettings settings, ObjectProvider<ReadModelCatchUp> catchUp) {
        return configurer -> settings.projections()
                .forEach(projection -> configurer
                        .eventProcessing()
                        .registerHandlerInterceptor(projection, c -> new CommittedBatch(projection, catchUp)));
    }

    /**
     * Per batch, after its transaction has committed: the segment (the tracking processor's own
     * resource) and the token of the batch's last handled event, which the read model now shows.
     */
    private record CommittedBatch(String projection, ObjectProvider<ReadModelCatchUp> catchUp)
            implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            if (unitOfWork.getMessage() instanceof TrackedEventMessage<?> tracked) {
                UnitOfWork<?> batch = unitOfWork.root();
                String lastToken = projection + ".lastHandled";
                batch.resources().put(lastToken, tracked.trackingToken());
                batch.getOrComputeResource(projection + ".reported", key -> {
                    batch.afterCommit(u -> {
                        Object segment = u.getResource("Processor[" + projection + "]/SegmentId");
                        TrackingToken token = u.getResource(lastToken);
                        if (segment instanceof Integer id && token != null) {
                            catchUp.getObject().committed(projection, id, token);
                        }
                    });
                    return Boolean.TRUE;
                });
            }
            return chain.proceed();
        }
    }
}
