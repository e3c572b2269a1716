package io.chat4all.command;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps recently used aggregates in memory, so a command need not read the aggregate's events
 * back: a message's delivery confirmation arrives moments after the send, and an upload's every
 * chunk is a command on the same aggregate (without the cache, chunk n replays n events). A stale
 * entry (another instance changed the aggregate) cannot slip through: the event store's unique
 * (aggregate, sequence) key refuses the append and the command is retried from the store.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCaches {

    public static final String MESSAGE = "messageCache";
    public static final String FILE_UPLOAD = "fileUploadCache";

    @Bean(MESSAGE)
    Cache messageCache() {
        return new WeakReferenceCache();
    }

    @Bean(FILE_UPLOAD)
    Cache fileUploadCache() {
        return new WeakReferenceCache();
    }
}
