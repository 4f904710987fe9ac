package dev.kprov.agent.fsm;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.agent.component.InvalidSettingException;
import dev.kprov.agent.component.Options;

/**
 * The provisioning state machine. It owns one single-thread executor: every event is a task on it, and
 * only tasks on it read or change the machine's state. Callers (DS, Paho callbacks, shell commands) only
 * post. The thread exists only while there is work: it ends after a second of idleness, so an idle agent
 * holds no thread at all.
 */
public final class Machine implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(Machine.class);
    private static final long IDLE_THREAD_SECONDS = 1;

    private final String pid;
    private final StatusObserver observer;
    private final ScheduledThreadPoolExecutor owner;

    // Owner thread only.
    private State state;
    private Thread ownerThread;

    public Machine(String pid, StatusObserver observer) {
        this.pid = pid;
        this.observer = observer;
        this.owner = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "kprov-agent");
            thread.setDaemon(true);
            return thread;
        });
        this.owner.setKeepAliveTime(IDLE_THREAD_SECONDS, TimeUnit.SECONDS);
        this.owner.allowCoreThreadTimeOut(true);
        this.owner.setRemoveOnCancelPolicy(true);
        this.owner.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** New or changed settings. */
    public void configure(Options options) {
        post(() -> onConfigure(options));
    }

    /** Settings that cannot be used. */
    public void reject(InvalidSettingException problem) {
        post(() -> enter(State.MISCONFIGURED, ErrorCategory.CONFIG_INVALID, problem.getMessage()));
    }

    /** Stops at once: pending events are dropped. Does not wait. */
    @Override
    public void close() {
        owner.shutdownNow();
    }

    private void onConfigure(Options options) {
        if (!options.enabled()) {
            enter(State.DISABLED, null, "");
        } else if (options.provisioned()) {
            enter(State.PROVISIONED, null, "");
        } else {
            enter(State.WAITING, null, "");
        }
    }

    /** The one place that changes state. */
    private void enter(State to, ErrorCategory error, String message) {
        assertOwnerThread();
        State from = state;
        state = to;
        if (error == null) {
            logger.info("{}: {} -> {}", pid, from == null ? "(start)" : from, to);
        } else {
            logger.warn("{}: {} -> {} ({}: {})", pid, from == null ? "(start)" : from, to, error, message);
        }
        Status status = new Status(to, error, message);
        try {
            observer.onStatus(status);
        } catch (RuntimeException e) {
            logger.warn("{}: status observer failed on {}", pid, status, e);
        }
    }

    private void post(Runnable event) {
        try {
            owner.execute(() -> {
                ownerThread = Thread.currentThread();
                try {
                    event.run();
                } catch (RuntimeException e) {
                    logger.error("{}: unexpected failure in state {}", pid, state, e);
                }
            });
        } catch (RejectedExecutionException e) {
            logger.debug("{}: machine closed, event dropped", pid);
        }
    }

    private void assertOwnerThread() {
        if (Thread.currentThread() != ownerThread) {
            throw new IllegalStateException("machine state touched outside its owner thread");
        }
    }
}
