package dev.kprov.fuzz.engine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one target's run: inputs, accepted, rejected by class, findings, and the slowest inputs.
 * Owned by the one thread that runs the target.
 */
public final class Stats {

    /** An input slower than this is flagged in the report. */
    public static final long SLOW_NANOS = 1_000_000_000L;
    private static final int MAX_LABELS = 5_000;
    private static final String OTHER = "(other classes, past " + MAX_LABELS + ")";

    private final String target;
    private final Map<String, long[]> labels = new HashMap<>();
    private final List<String> slowInputs = new ArrayList<>();
    private long inputs;
    private long accepted;
    private long rejected;
    private long findings;
    private long bytes;
    private long largest;
    private long slowestNanos;
    private String slowest = "none";
    private long overSlow;
    private long consoleWrites;
    private final List<String> consoleExamples = new ArrayList<>();
    private Findings findingKinds;
    private long startNanos = System.nanoTime();
    private long elapsedNanos;

    public Stats(String target) {
        this.target = target;
    }

    public String target() {
        return target;
    }

    public void start() {
        startNanos = System.nanoTime();
    }

    /** Records a verdict; returns whether its class was never seen before (a hint for the engine). */
    public boolean record(byte[] input, Verdict verdict, long nanos) {
        inputs++;
        if (verdict.accepted()) {
            accepted++;
        } else {
            rejected++;
        }
        timing(input, verdict.label(), nanos);
        String label = (verdict.accepted() ? "accepted " : "rejected ") + verdict.label();
        long[] count = labels.get(label);
        if (count != null) {
            count[0]++;
            return false;
        }
        if (labels.size() >= MAX_LABELS) {
            labels.computeIfAbsent(OTHER, k -> new long[1])[0]++;
            return false;
        }
        labels.put(label, new long[] {1});
        return true;
    }

    /** Records an input that ended with anything but the reader's typed rejection. */
    public void recordFinding(byte[] input, String signature, long nanos) {
        inputs++;
        findings++;
        timing(input, "finding " + signature, nanos);
        labels.computeIfAbsent("FINDING " + signature, k -> new long[1])[0]++;
    }

    /** Notes an input during which the reader wrote to System.out or System.err. */
    public void recordConsoleWrite(byte[] input, String printed) {
        consoleWrites++;
        String line = Labels.shape(printed.strip().lines().findFirst().orElse(""));
        if (consoleExamples.size() < 5 && consoleExamples.stream().noneMatch(e -> e.endsWith(line))) {
            consoleExamples.add(Inputs.name(target, input) + ": " + line);
        }
    }

    public long consoleWrites() {
        return consoleWrites;
    }

    private void timing(byte[] input, String label, long nanos) {
        bytes += input.length;
        largest = Math.max(largest, input.length);
        if (nanos > slowestNanos) {
            slowestNanos = nanos;
            slowest = Inputs.name(target, input) + ", " + input.length + " bytes, " + label;
        }
        if (nanos > SLOW_NANOS) {
            overSlow++;
            if (slowInputs.size() < 10) {
                slowInputs.add(millis(nanos) + " ms " + Inputs.name(target, input));
            }
        }
    }

    /** Writes the headline figures, for a process that ran the target to hand them to the one that asked. */
    public void writeSummary(java.nio.file.Path file) throws java.io.IOException {
        java.util.Properties summary = new java.util.Properties();
        summary.setProperty("inputs", Long.toString(inputs));
        summary.setProperty("accepted", Long.toString(accepted));
        summary.setProperty("rejected", Long.toString(rejected));
        summary.setProperty("findings", Long.toString(findings));
        summary.setProperty("slowestNanos", Long.toString(slowestNanos));
        summary.setProperty("overSlow", Long.toString(overSlow));
        summary.setProperty("elapsedNanos", Long.toString(elapsedNanos));
        summary.setProperty("consoleWrites", Long.toString(consoleWrites));
        try (java.io.Writer writer = java.nio.file.Files.newBufferedWriter(file)) {
            summary.store(writer, "kprov fuzz summary of " + target);
        }
    }

    /** The headline figures written by {@link #writeSummary}. */
    public static Stats readSummary(String target, java.nio.file.Path file) throws java.io.IOException {
        java.util.Properties summary = new java.util.Properties();
        try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(file)) {
            summary.load(reader);
        }
        Stats stats = new Stats(target);
        stats.inputs = Long.parseLong(summary.getProperty("inputs"));
        stats.accepted = Long.parseLong(summary.getProperty("accepted"));
        stats.rejected = Long.parseLong(summary.getProperty("rejected"));
        stats.findings = Long.parseLong(summary.getProperty("findings"));
        stats.slowestNanos = Long.parseLong(summary.getProperty("slowestNanos"));
        stats.overSlow = Long.parseLong(summary.getProperty("overSlow"));
        stats.elapsedNanos = Long.parseLong(summary.getProperty("elapsedNanos"));
        stats.consoleWrites = Long.parseLong(summary.getProperty("consoleWrites", "0"));
        return stats;
    }

    /** The findings of this run, to list their kinds in the report. */
    public void attach(Findings findings) {
        this.findingKinds = findings;
    }

    public void stop() {
        elapsedNanos = System.nanoTime() - startNanos;
    }

    public long inputs() {
        return inputs;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    public long findings() {
        return findings;
    }

    public long slowestNanos() {
        return slowestNanos;
    }

    public long overSlow() {
        return overSlow;
    }

    public double seconds() {
        return (elapsedNanos == 0 ? System.nanoTime() - startNanos : elapsedNanos) / 1e9;
    }

    /** The count of each outcome class, accepted and rejected, as "accepted ..." / "rejected ..." keys. */
    public Map<String, Long> outcomes() {
        Map<String, Long> copy = new HashMap<>();
        labels.forEach((label, count) -> copy.put(label, count[0]));
        return copy;
    }

    public void print(PrintStream out, int topClasses) {
        double seconds = seconds();
        out.printf("== %s: %,d inputs in %.1f s (%,.0f inputs/s), %,d bytes in all, largest %,d bytes%n", target,
                inputs, seconds, inputs / Math.max(seconds, 1e-9), bytes, largest);
        out.printf("   accepted %,d   rejected (typed) %,d   findings %,d%n", accepted, rejected, findings);
        out.printf("   slowest input %s ms (%s); inputs over 1 s: %,d%n", millis(slowestNanos), slowest, overSlow);
        if (findingKinds != null) {
            findingKinds.print(out);
        }
        for (String slow : slowInputs) {
            out.println("     slow: " + slow);
        }
        if (consoleWrites > 0) {
            out.printf("   inputs during which the reader wrote to the console (not findings): %,d%n", consoleWrites);
            consoleExamples.forEach(example -> out.println("     e.g. " + example));
        }
        out.printf("   outcome classes: %,d; the %d most frequent:%n", labels.size(), Math.min(topClasses, labels.size()));
        labels.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(topClasses)
                .forEach(e -> out.printf("   %,11d  %s%n", e.getValue()[0], e.getKey()));
    }

    private static String millis(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }
}
