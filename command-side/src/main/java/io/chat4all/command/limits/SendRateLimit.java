package io.chat4all.command.limits;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Service;

/**
 * At most {@code chat4all.limits.messages-per-second} sends per user (API.md, Operations): a
 * bucket of that many tokens per user, refilled continuously. Every {@code POST /v1/messages}
 * takes one, valid or not, before any other work.
 */
@Service
public class SendRateLimit {

    private final KeyedBuckets perUser;

    SendRateLimit(LimitSettings settings) {
        int rate = settings.messagesPerSecond();
        this.perUser = new KeyedBuckets(Bandwidth.builder()
                .capacity(rate)
                .refillGreedy(rate, Duration.ofSeconds(1))
                .build());
    }

    /** Refuses with 429 TOO_MANY_REQUESTS when the user has sent its share of this second. */
    public void check(String userId) {
        ConsumptionProbe probe = perUser.of(userId).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw TooManyRequests.of(
                    "Too many messages; slow down", KeyedBuckets.retryAfterSeconds(probe.getNanosToWaitForRefill()));
        }
    }
}
