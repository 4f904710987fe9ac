package dev.kprov.agent.fsm;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link Scheduler}: one single-thread scheduled executor. Its thread exists only while
 * there is work (a task queued or scheduled) and ends after a second of idleness, so an idle agent holds
 * no thread at all.
 */
public final class OwnerThread implements Scheduler {

    private static final Logger logger = LoggerFactory.getLogger(OwnerThread.class);
    private static final long IDLE_THREAD_SECONDS = 1;

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread current;

    public OwnerThread(String name) {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setKeepAliveTime(IDLE_THREAD_SECONDS, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(wrap(task));
        } catch (RejectedExecutionException e) {
            logger.debug("owner thread shut down, task dropped");
        }
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        try {
            ScheduledFuture<?> future = executor.schedule(wrap(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            logger.debug("owner thread shut down, timer dropped");
            return () -> {
            };
        }
    }

    /** The task boundary: an executor keeps what a task throws inside its future, unseen, so it is logged here. */
    private Runnable wrap(Runnable task) {
        return () -> {
            current = Thread.currentThread();
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                logger.error("unexpected failure on the agent's thread", e);
                throw e;
            }
        };
    }

    @Override
    public long now() {
        return System.currentTimeMillis();
    }

    @Override
    public boolean isOwnerThread() {
        return Thread.currentThread() == current;
    }

    @Override
    public void shutdown() {
        executor.shutdownNow();
    }
}
