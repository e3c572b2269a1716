package io.chat4all.saga.delivery;

import java.time.Duration;

/** The persisted deadlines of routed messages (see {@link DeadlineSweeper}). */
public interface DeliveryDeadlines {

    void schedule(String messageId, Duration after);

    void cancel(String messageId);
}
