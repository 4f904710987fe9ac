package dev.kprov.fuzz.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

import dev.kprov.fuzz.Targets;
import dev.kprov.fuzz.engine.Findings;
import dev.kprov.fuzz.engine.Harness;
import dev.kprov.fuzz.engine.Stats;
import dev.kprov.fuzz.engine.Target;
import dev.kprov.fuzz.engine.Watchdog;
import dev.kprov.fuzz.seed.Conformance;

/**
 * One target inside a Jazzer process: the same harness, findings and figures as the mutation engine,
 * while libFuzzer chooses the inputs. Settings come as system properties from {@link CoverageLauncher}.
 */
final class CoverageSession {

    static final String FINDINGS = "kprov.fuzz.findings";
    static final String SUMMARY = "kprov.fuzz.summary";
    static final String HANG = "kprov.fuzz.hang";

    private final Harness harness;
    private final Watchdog watchdog;
    private final Stats stats;
    private final Path summary;

    private CoverageSession(Harness harness, Watchdog watchdog, Stats stats, Path summary) {
        this.harness = harness;
        this.watchdog = watchdog;
        this.stats = stats;
        this.summary = summary;
    }

    static CoverageSession start(String name) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        try {
            Target target = new Targets(Conformance.locate(Optional.empty())).make(name);
            Findings findings = new Findings(Paths.get(System.getProperty(FINDINGS, "target/findings")), System.err);
            Watchdog watchdog = new Watchdog(Integer.getInteger(HANG, 60), findings, System.err);
            Stats stats = new Stats(name);
            stats.attach(findings);
            stats.start();
            return new CoverageSession(new Harness(target, stats, findings, watchdog), watchdog, stats,
                    Paths.get(System.getProperty(SUMMARY, "target/" + name + "-summary.properties")));
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up fuzz target " + name + ": " + e.getMessage(), e);
        }
    }

    void exercise(byte[] input) {
        harness.exercise(input);
    }

    void finish() {
        stats.stop();
        watchdog.close();
        stats.print(System.out, 25);
        try {
            stats.writeSummary(summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + summary, e);
        }
    }
}
