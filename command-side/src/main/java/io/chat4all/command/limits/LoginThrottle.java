package io.chat4all.command.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Service;

/**
 * Failed logins per username and client address, and per address (API.md, Operations). An
 * attempt takes a token from both buckets before the password is checked; a successful login
 * (or one that failed for another reason than the credentials) gives them back, so only
 * failures count, also when attempts race. The answer and its timing do not depend on whether
 * the user exists: an empty bucket is 429 for any name.
 */
@Service
public class LoginThrottle {

    private final KeyedBuckets perUser;
    private final KeyedBuckets perAddress;

    LoginThrottle(LimitSettings settings) {
        this.perUser = new KeyedBuckets(window(settings.loginFailuresPerUser(), settings));
        this.perAddress = new KeyedBuckets(window(settings.loginFailuresPerAddress(), settings));
    }

    /** Tokens come back all at once when the window (counted from the bucket's first use) has passed. */
    private static Bandwidth window(int failures, LimitSettings settings) {
        return Bandwidth.builder()
                .capacity(failures)
                .refillIntervally(failures, settings.loginWindow())
                .build();
    }

    /** Begins an attempt, or refuses it with 429 TOO_MANY_REQUESTS when either limit is spent. */
    public Attempt begin(String username, String clientAddress) {
        Bucket user = perUser.of(clientAddress + '\n' + username);
        ConsumptionProbe userProbe = user.tryConsumeAndReturnRemaining(1);
        if (!userProbe.isConsumed()) {
            throw refused(userProbe);
        }
        Bucket address = perAddress.of(clientAddress);
        ConsumptionProbe addressProbe = address.tryConsumeAndReturnRemaining(1);
        if (!addressProbe.isConsumed()) {
            user.addTokens(1);
            throw refused(addressProbe);
        }
        return new Attempt(user, address);
    }

    private static RuntimeException refused(ConsumptionProbe probe) {
        return TooManyRequests.of(
                "Too many failed logins; try again later",
                KeyedBuckets.retryAfterSeconds(probe.getNanosToWaitForRefill()));
    }

    /** One login attempt: {@link #failed()} keeps its tokens spent, {@link #close()} otherwise returns them. */
    public static final class Attempt implements AutoCloseable {

        private final Bucket user;
        private final Bucket address;
        private boolean failed;

        private Attempt(Bucket user, Bucket address) {
            this.user = user;
            this.address = address;
        }

        public void failed() {
            failed = true;
        }

        @Override
        public void close() {
            if (!failed) {
                user.addTokens(1);
                address.addTokens(1);
            }
        }
    }
}
