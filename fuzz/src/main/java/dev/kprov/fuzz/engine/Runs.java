package dev.kprov.fuzz.engine;

import java.io.PrintStream;
import java.nio.file.Path;

/** Runs one target with the seeded-mutation engine, the harness judging every input. */
public final class Runs {

    private Runs() {
    }

    /**
     * @param probeEvery one input in this many is a bound probe (0: none)
     * @param progress where progress lines go, or null for none
     */
    public static Stats mutate(Target target, long inputs, long seed, int probeEvery, Path findingsFolder,
            int hangSeconds, PrintStream progress, PrintStream err) {
        return mutate(target, inputs, 0, seed, probeEvery, findingsFolder, hangSeconds, progress, err);
    }

    /** As above, stopping after {@code maxSeconds} (0: no limit) if the inputs are not all run by then. */
    public static Stats mutate(Target target, long inputs, long maxSeconds, long seed, int probeEvery,
            Path findingsFolder, int hangSeconds, PrintStream progress, PrintStream err) {
        Findings findings = new Findings(findingsFolder, err);
        try (Watchdog watchdog = new Watchdog(hangSeconds, findings, err)) {
            Harness harness = new Harness(target, new Stats(target.name()), findings, watchdog);
            MutationEngine engine = new MutationEngine(target, harness, seed, probeEvery, progress);
            engine.warmUp();
            Stats stats = engine.run(inputs, maxSeconds);
            stats.attach(findings);
            return stats;
        }
    }
}
