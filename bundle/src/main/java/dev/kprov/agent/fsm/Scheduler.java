package dev.kprov.agent.fsm;

/**
 * The machine's owner thread and clock. Production uses {@link OwnerThread}; tests use a manual
 * scheduler whose time they move themselves.
 */
public interface Scheduler {

    /** Runs the task on the owner thread, after the tasks already posted. */
    void execute(Runnable task);

    /** Runs the task on the owner thread after the delay; the handle cancels it. */
    Cancellable schedule(Runnable task, long delayMillis);

    /** The current time, epoch milliseconds. */
    long now();

    /** True when called on the owner thread. */
    boolean isOwnerThread();

    /** Drops what is pending and ends the owner thread; tasks posted afterwards are dropped. Never waits. */
    void shutdown();

    /** A scheduled task that may be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
