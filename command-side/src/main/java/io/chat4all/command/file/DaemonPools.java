package io.chat4all.command.file;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The file code's background threads: daemons, so a pool never holds the JVM open at shutdown. */
final class DaemonPools {

    private DaemonPools() {}

    static ExecutorService cached(String threadName) {
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }
}
