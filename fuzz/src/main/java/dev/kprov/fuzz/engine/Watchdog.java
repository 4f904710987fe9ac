package dev.kprov.fuzz.engine;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Catches an input that never finishes: a reader thread cannot be stopped, so after {@code limitSeconds}
 * on one input the watchdog saves it as a finding, prints the stuck thread's stack and halts the JVM with
 * status 3. Inputs slower than a second but finishing are only flagged in the report.
 */
public final class Watchdog implements AutoCloseable {

    public static final int HANG_STATUS = 3;

    private final ScheduledExecutorService timer;
    private final long limitNanos;
    private final Findings findings;
    private final PrintStream err;
    private volatile Thread worker;
    private volatile String target;
    private volatile byte[] input;
    private volatile long startedAt;

    public Watchdog(int limitSeconds, Findings findings, PrintStream err) {
        this.limitNanos = TimeUnit.SECONDS.toNanos(limitSeconds);
        this.findings = findings;
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fuzz-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::check, 1, 1, TimeUnit.SECONDS);
    }

    void started(String targetName, byte[] bytes) {
        worker = Thread.currentThread();
        target = targetName;
        input = bytes;
        startedAt = System.nanoTime();
    }

    void finished() {
        input = null;
    }

    private void check() {
        byte[] current = input;
        Thread thread = worker;
        if (current == null || thread == null || System.nanoTime() - startedAt < limitNanos) {
            return;
        }
        HangException hang = new HangException(limitNanos / 1_000_000_000L);
        hang.setStackTrace(thread.getStackTrace());
        findings.save(target, current, hang, target + " input of " + current.length + " bytes still running");
        err.println("the input never finished: halting");
        err.flush();
        Runtime.getRuntime().halt(HANG_STATUS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Stands for a stuck reader in the findings: its stack is the reader thread's. */
    static final class HangException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HangException(long seconds) {
            super("the reader did not finish within " + seconds + " s");
        }
    }
}
