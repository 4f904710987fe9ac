package dev.kprov.agent.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads of one Paho client, named {@code kprov-mqtt}, without Paho's start-up delay.
 * <p>
 * Paho 1.2.5's connect task hands its receiver, sender and callback loops to {@link #submit(Runnable)}
 * and then polls, sleeping 100 ms at a time, until the loop it handed over says it is running. The loop
 * cannot say so before the first poll (it needs a lock the connect task holds while it submits), so
 * every CONNECT leaves 300 ms late (eclipse-paho/paho.mqtt.java issue 945). Paho's poll treats an
 * interrupt as the end of its sleep and checks again. So, once a task run by this executor submits a
 * loop, the executor interrupts that task's thread whenever it sleeps, every {@link #NUDGE_MICROS} µs,
 * until it submits its next loop or ends, and at most {@link #NUDGES} times: the connect task goes on
 * as soon as its loop runs. Only this executor's own threads are interrupted (one that has just gone
 * back to the pool ignores it), and a thread's interrupt flag is cleared when its task ends.
 */
final class PahoExecutor extends ScheduledThreadPoolExecutor {

    /** The connect task, Paho's three loops, the keep-alive timer, and the wake-ups. */
    private static final int THREADS = 5;
    static final long NUDGE_MICROS = 500;
    /** Enough for a loop to start on a busy machine; past it, Paho's own poll is left to end the wait. */
    static final int NUDGES = 400;

    /** Threads running a task handed to {@link #execute(Runnable)}, each with the token of its latest submit. */
    private final Map<Thread, Object> starters = new ConcurrentHashMap<>();

    PahoExecutor(String threadName) {
        super(THREADS, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        setRemoveOnCancelPolicy(true);
        // An idle thread ends after a second. Without it, now and then a thread of a shut-down session stayed
        // parked in the pool's queue for good after a lost connection: seen by the fault matrix, and in a
        // stand-alone run of 50 sessions against a server that closes at once (1 to 7 threads left), also with
        // a plain ScheduledThreadPoolExecutor, without this class's wake-ups. With it, none.
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
        Thread caller = Thread.currentThread();
        Object token = new Object();
        if (starters.replace(caller, token) != null) {
            wakeLater(caller, token, NUDGES);
        }
        return future;
    }

    private void wakeLater(Thread starter, Object token, int left) {
        try {
            schedule(() -> wake(starter, token, left), NUDGE_MICROS, TimeUnit.MICROSECONDS);
        } catch (RejectedExecutionException e) {
            // shut down: nobody is starting anything any more
        }
    }

    private void wake(Thread starter, Object token, int left) {
        if (starters.get(starter) != token) {
            return; // the starter submitted its next loop, or its task ended
        }
        if (starter.getState() == Thread.State.TIMED_WAITING) {
            starter.interrupt();
        }
        if (left > 1) {
            wakeLater(starter, token, left - 1);
        }
    }
}
