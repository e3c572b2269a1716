package io.chat4all.command.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * One token bucket per key (a user, an address), in memory. A full bucket is the same as a
 * fresh one, so once the map grows past {@link #SWEEP_ABOVE} keys the full buckets are dropped
 * now and then: a client that stopped misbehaving costs nothing after its window.
 */
final class KeyedBuckets {

    static final int SWEEP_ABOVE = 10_000;
    private static final int SWEEP_EVERY = 1_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final Bandwidth bandwidth;

    KeyedBuckets(Bandwidth bandwidth) {
        this.bandwidth = bandwidth;
    }

    Bucket of(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        bucket = buckets.computeIfAbsent(
                key, k -> Bucket.builder().addLimit(bandwidth).build());
        if (created.incrementAndGet() % SWEEP_EVERY == 0 && buckets.size() > SWEEP_ABOVE) {
            sweep();
        }
        return bucket;
    }

    void sweep() {
        buckets.values().removeIf(b -> b.getAvailableTokens() >= bandwidth.getCapacity());
    }

    int size() {
        return buckets.size();
    }

    /** Whole seconds until a token is back, at least 1: the {@code Retry-After} of a 429. */
    static long retryAfterSeconds(long nanosToWait) {
        return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }
}
