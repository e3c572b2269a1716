package io.chat4all.command.message;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps recently used Message aggregates in memory: the delivery confirmation arrives moments
 * after the send and need not read the message's events back. A stale entry (another instance
 * changed the message) cannot slip through: the event store's unique (aggregate, sequence)
 * key refuses the append and the command is retried from the store.
 */
@Configuration(proxyBeanMethods = false)
class MessageCacheConfiguration {

    static final String MESSAGE_CACHE = "messageCache";

    @Bean(MESSAGE_CACHE)
    Cache messageCache() {
        return new WeakReferenceCache();
    }
}
