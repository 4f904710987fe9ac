package dev.kprov.agent.fsm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A {@link Scheduler} whose time moves only when the test says so. Posted tasks run when the test calls
 * {@link #runPending()} or {@link #advance(long)}, on the test's thread, which counts as the owner thread.
 */
public final class ManualScheduler implements Scheduler {

    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final List<Timed> timers = new ArrayList<>();
    private long now = 1_700_000_000_000L;
    private long sequence;
    private boolean running;
    private boolean shutdown;

    private static final class Timed {
        final long at;
        final long order;
        final Runnable task;
        boolean cancelled;

        Timed(long at, long order, Runnable task) {
            this.at = at;
            this.order = order;
            this.task = task;
        }
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (!shutdown) {
            ready.add(task);
        }
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        Timed timed = new Timed(now + Math.max(0, delayMillis), sequence++, task);
        if (!shutdown) {
            timers.add(timed);
        }
        return () -> timed.cancelled = true;
    }

    @Override
    public synchronized long now() {
        return now;
    }

    @Override
    public boolean isOwnerThread() {
        return running;
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
        ready.clear();
        timers.clear();
    }

    synchronized boolean isShutdown() {
        return shutdown;
    }

    /** Runs every task posted so far, and those they post. */
    public void runPending() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = ready.poll();
            }
            if (task == null) {
                return;
            }
            run(task);
        }
    }

    /** Moves time forward, running each timer that falls due on the way, in order. */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        runPending();
        while (true) {
            Timed next;
            synchronized (this) {
                next = timers.stream().filter(t -> !t.cancelled && t.at <= target)
                        .min(Comparator.comparingLong((Timed t) -> t.at).thenComparingLong(t -> t.order)).orElse(null);
                if (next == null) {
                    now = target;
                } else {
                    timers.remove(next);
                    now = next.at;
                }
            }
            if (next == null) {
                runPending();
                return;
            }
            run(next.task);
            runPending();
        }
    }

    /** The delay until the earliest live timer, or -1 when none is scheduled. */
    public synchronized long nextTimerIn() {
        return timers.stream().filter(t -> !t.cancelled).mapToLong(t -> t.at - now).min().orElse(-1);
    }

    private void run(Runnable task) {
        running = true;
        try {
            task.run();
        } finally {
            running = false;
        }
    }
}
