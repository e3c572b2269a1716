package io.chat4all.events;

import java.util.concurrent.CompletableFuture;

/**
 * API.md, Consistency: once a write is answered 2xx, a read that starts after the answer
 * reflects it. A write endpoint asks for this after its command and answers when it completes:
 * when every projection of the read model has applied the aggregate's latest event, or when the
 * bound has passed (then the write still answers, and readiness reports the read model's lag).
 * A future, not a blocking wait: the endpoint returns it (Spring MVC answers once it completes),
 * so no request thread is held while the read model catches up.
 */
public interface ReadYourWrites {

    CompletableFuture<Void> readable(String aggregateId);
}
