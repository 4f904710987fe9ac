package dev.kprov.platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform's single owner thread (STYLE.md practice 5): requests, jobs, the directory scan and the
 * responder's handling all run on it, so none of that state needs a lock.
 */
final class OwnerThread {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final ScheduledExecutorService executor;
    private volatile Thread thread;

    OwnerThread() {
        String name = "kprov-platform-" + COUNT.incrementAndGet();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread created = new Thread(runnable, name);
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }
}
