package io.chat4all.hub.scaleout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the event processors' segments are shared between the hub processes that run them.
 *
 * @param balanceEvery  how often each process renews its membership and compares its segments with its share
 * @param memberTimeout a process not seen for this long counts as gone (its share goes to the others)
 * @param releaseFor    a released segment is not claimed back by its releaser for this long, so that another process takes it
 *
 * <p>{@code chat4all.scale-out.event-poll-every} (100 ms) belongs here too, but is read before any
 * settings bean exists ({@link EventStoreConfiguration}).
 */
@ConfigurationProperties("chat4all.scale-out")
public record ScaleOutSettings(
        @DefaultValue("5s") Duration balanceEvery,
        @DefaultValue("20s") Duration memberTimeout,
        @DefaultValue("15s") Duration releaseFor) {}
