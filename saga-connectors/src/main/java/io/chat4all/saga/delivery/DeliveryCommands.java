package io.chat4all.saga.delivery;

/** How the delivery saga sends its commands. */
interface DeliveryCommands {

    /** Sends now; the current processor batch commits only after it has succeeded (side by side with others). */
    void send(Object command);

    /**
     * Runs {@code step} now, beside the other steps of the current processor batch; the batch
     * commits only after it has succeeded. Commands sent inside it commit on their own.
     */
    void runWithinBatch(Runnable step);

    /** Sends and returns once the command's events are committed. */
    void sendAndWait(Object command);

    /**
     * Sends soon, on another thread; neither the caller nor the batch waits for it. Only for a
     * command whose loss another path makes good: a failure is logged, not retried.
     */
    void sendInBackground(Object command);
}
