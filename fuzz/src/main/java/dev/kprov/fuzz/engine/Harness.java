package dev.kprov.fuzz.engine;

/**
 * Feeds one input to a target and judges the outcome: a normal return or the reader's typed rejection
 * (both come back as a {@link Verdict}) are the only accepted ones. Any other throwable, errors included
 * (stack overflow, out of memory, a missing class), is a finding: saved, printed, counted. What a reader
 * writes to System.out or System.err is caught and counted too: not a finding, but on a gateway it ends up
 * in the console log.
 */
public final class Harness {

    private final Target target;
    private final Stats stats;
    private final Findings findings;
    private final Watchdog watchdog;

    private final ConsoleTrap console = new ConsoleTrap();

    public Harness(Target target, Stats stats, Findings findings, Watchdog watchdog) {
        this.target = target;
        this.stats = stats;
        this.findings = findings;
        this.watchdog = watchdog;
    }

    public Stats stats() {
        return stats;
    }

    /** Runs one input; returns whether its outcome class is new to this run. */
    public boolean exercise(byte[] input) {
        watchdog.started(target.name(), input);
        long start = System.nanoTime();
        Verdict verdict;
        console.arm();
        try {
            verdict = target.run(input);
        } catch (Throwable failure) { // the point of the harness: anything but the typed rejection is a finding
            long nanos = System.nanoTime() - start;
            console.disarm();
            watchdog.finished();
            String signature = Findings.signature(failure);
            findings.save(target.name(), input, failure, target.name() + " input of " + input.length + " bytes ended with "
                    + failure);
            stats.recordFinding(input, signature, nanos);
            return true;
        }
        long nanos = System.nanoTime() - start;
        String printed = console.disarm();
        watchdog.finished();
        if (printed != null) {
            stats.recordConsoleWrite(input, printed);
        }
        return stats.record(input, verdict, nanos);
    }
}
