package dev.kprov.fuzz;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.kprov.fuzz.coverage.CoverageLauncher;
import dev.kprov.fuzz.engine.Runs;
import dev.kprov.fuzz.engine.Stats;
import dev.kprov.fuzz.engine.Target;
import dev.kprov.fuzz.seed.Conformance;

/**
 * The fuzz command (docs/RELIABILITY.md): runs each chosen target for the given number of inputs, prints
 * progress and then each target's figures, and exits with 1 when any input ended with anything but the
 * reader's typed rejection (2 for a bad command line, 3 when an input never finished).
 */
public final class Main {

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws Exception {
        // the platform's key code logs through slf4j; its info lines are noise here
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        RunOptions options;
        try {
            options = RunOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(RunOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new Main(System.out, System.err).run(options));
    }

    int run(RunOptions options) throws Exception {
        Optional<Conformance> conformance = Conformance.locate(options.conformance());
        Path findings = options.findings().orElseGet(Main::defaultFindings).toAbsolutePath().normalize();
        out.printf("kprov fuzz: targets %s, %,d inputs each, seed %d, engine %s%n", options.targets(), options.inputs(),
                options.seed(), options.engine());
        out.printf("  java %s, %d cpus, max heap %d MiB; findings go to %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024), findings);
        if (!java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:-OmitStackTraceInFastThrow")) {
            out.println("  (add -XX:-OmitStackTraceInFastThrow before -jar: without it, after many findings of one kind "
                    + "the JVM drops their stacks)");
        }
        out.println("  conformance vectors: " + conformance.map(c -> c.folder().toString())
                .orElse("not found (seeds are the built ones only)"));
        Targets targets = new Targets(conformance);
        List<Stats> results = new ArrayList<>();
        for (String name : options.targets()) {
            if (options.engine().equals("coverage")) {
                results.add(new CoverageLauncher(out, err).run(name, options, findings, conformance));
                continue;
            }
            Target target = targets.make(name);
            out.printf("%s: %d seeds, %d bound probes; running%n", name, target.seeds().size(), target.probeCount());
            Stats stats = Runs.mutate(target, options.inputs(), options.maxSeconds(), options.seed(),
                    options.probeEvery(), findings, options.hangSeconds(), out, err);
            stats.print(out, 25);
            results.add(stats);
        }
        long total = 0;
        out.println();
        out.println("summary:");
        for (Stats stats : results) {
            out.printf("  %-8s %,11d inputs  %,11d accepted  %,11d rejected  %,6d findings  slowest %.1f ms  "
                    + "over 1 s %d  %.0f s%n", stats.target(), stats.inputs(), stats.accepted(), stats.rejected(),
                    stats.findings(), stats.slowestNanos() / 1e6, stats.overSlow(), stats.seconds());
            total += stats.findings();
        }
        out.println(total == 0 ? "no findings" : total + " findings: inputs and stacks in " + findings);
        return total == 0 ? 0 : 1;
    }

    /** {@code findings} next to the jar when run from one (fuzz/target/findings), else target/findings. */
    static Path defaultFindings() {
        try {
            Path code = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                return code.getParent().resolve("findings");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source: fall back to the working directory
        }
        return Paths.get("target", "findings");
    }
}
