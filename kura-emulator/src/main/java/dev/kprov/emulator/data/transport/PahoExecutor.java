package dev.kprov.emulator.data.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads of one Paho client, without Paho 1.2.5's 300 ms start-up delay (eclipse-paho/paho.mqtt.java
 * issue 945): Paho's connect task submits each of its three loops and then polls, sleeping 100 ms at a
 * time, until the loop runs; an interrupt ends such a sleep. Once one of this executor's tasks submits a
 * loop, the executor wakes that task's thread whenever it sleeps, every 500 µs, until it submits its next
 * loop or ends, at most 400 times. The agent's {@code dev.kprov.agent.mqtt.PahoExecutor} does the same
 * for the provision session; this one serves the emulated Kura transport. Threads get their name back
 * when one of Paho's loops, which renames them, ends.
 */
final class PahoExecutor extends ScheduledThreadPoolExecutor {

    private static final long NUDGE_MICROS = 500;
    private static final int NUDGES = 400;

    private final String threadName;
    private final Map<Thread, Object> starters = new ConcurrentHashMap<>();

    PahoExecutor(int threads, String threadName) {
        super(threads, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.threadName = threadName;
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        setRemoveOnCancelPolicy(true);
        // As in the agent's: an idle thread ends after a second, so that none of a closed client stays parked.
        setKeepAliveTime(1, TimeUnit.SECONDS);
        allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable command) {
        super.execute(() -> {
            Thread self = Thread.currentThread();
            starters.put(self, new Object());
            try {
                command.run();
            } finally {
                starters.remove(self);
                Thread.interrupted();
            }
        });
    }

    @Override
    public Future<?> submit(Runnable task) {
        Future<?> future = super.submit(task);
        Object token = new Object();
        Thread caller = Thread.currentThread();
        if (starters.replace(caller, token) != null) {
            wakeLater(caller, token, NUDGES);
        }
        return future;
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        Thread.currentThread().setName(threadName);
    }

    private void wakeLater(Thread starter, Object token, int left) {
        try {
            schedule(() -> wake(starter, token, left), NUDGE_MICROS, TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException e) {
            // shut down: nothing is starting any more
        }
    }

    private void wake(Thread starter, Object token, int left) {
        if (starters.get(starter) != token) {
            return;
        }
        if (starter.getState() == Thread.State.TIMED_WAITING) {
            starter.interrupt();
        }
        if (left > 1) {
            wakeLater(starter, token, left - 1);
        }
    }
}
