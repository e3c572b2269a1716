package io.chat4all.hub.replay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rebuilding the read model from the event store.
 *
 * @param onStart     replay the projections as this process starts ({@code CHAT4ALL_REPLAY_ON_START}; read by {@link ReplayOnStart});
 *                    only in a process with the {@code projections} role
 * @param reportEvery how often the progress of a running replay is logged
 */
@ConfigurationProperties("chat4all.replay")
public record ReplaySettings(
        @DefaultValue("false") boolean onStart,
        @DefaultValue("5s") Duration reportEvery) {}
