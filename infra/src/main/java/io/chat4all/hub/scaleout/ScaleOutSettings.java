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
 * @param eventPollEvery how often an idle tracking processor looks for events stored by other processes (within
 *                      a process a commit wakes it at once); Axon's default is 1 s
 */
@ConfigurationProperties("chat4all.scale-out")
public record ScaleOutSettings(
        @DefaultValue("5s") Duration balanceEvery,
        @DefaultValue("20s") Duration memberTimeout,
        @DefaultValue("15s") Duration releaseFor,
        @DefaultValue("100ms") Duration eventPollEvery) {
}
