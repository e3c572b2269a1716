package io.chat4all.query.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live updates' stream (GET /v1/events, API.md "Live updates").
 *
 * @param keepAlive        a {@code : keep-alive} comment at least this often (15 s, as API.md says)
 * @param maxStreamsPerUser open streams per user; one more closes the oldest (5)
 * @param queueBound       events waiting to be written to one client; past it the client is dropped (256)
 * @param retention        how long feed rows are kept, so how old an id can be resumed from (24 h)
 * @param pollEvery        the dispatcher reads the feed at least this often even without a NOTIFY (1 s)
 * @param pruneEvery       how often rows past the retention are deleted (10 min)
 * @param sendThreads      the threads that write events to the clients' sockets, shared by every stream (4)
 * @param readBatch        the most feed rows read at once (500)
 * @param gather           after a NOTIFY the dispatcher waits this long for more commits, so that one read and
 *                         one write per stream carry them all and a message's quick changes are coalesced
 *                         (API.md allows 100 ms); 0 dispatches at once (50 ms)
 */
@ConfigurationProperties("chat4all.live")
public record LiveSettings(
        @DefaultValue("15s") Duration keepAlive,
        @DefaultValue("5") int maxStreamsPerUser,
        @DefaultValue("256") int queueBound,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("1s") Duration pollEvery,
        @DefaultValue("10m") Duration pruneEvery,
        @DefaultValue("4") int sendThreads,
        @DefaultValue("500") int readBatch,
        @DefaultValue("50ms") Duration gather) {}
