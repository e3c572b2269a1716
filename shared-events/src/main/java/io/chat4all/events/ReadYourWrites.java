package io.chat4all.events;

/**
 * API.md, Consistency: once a write is answered 2xx, a read that starts after the answer
 * reflects it. A write endpoint calls this after its command and before it answers; it returns
 * when every projection of the read model has applied the aggregate's latest event, or when the
 * bound has passed (then the write still answers, and readiness reports the read model's lag).
 */
public interface ReadYourWrites {

    void awaitReadable(String aggregateId);
}
