package dev.kprov.fuzz.coverage;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.kprov.fuzz.RunOptions;
import dev.kprov.fuzz.Targets;
import dev.kprov.fuzz.engine.Sample;
import dev.kprov.fuzz.engine.Stats;
import dev.kprov.fuzz.seed.Conformance;

/**
 * Coverage-guided fuzzing with Jazzer (libFuzzer for the JVM, from Maven Central with its native driver
 * inside the jar): one child JVM per target, with the same heap limit as this one, instrumenting the
 * agent's classes and BouncyCastle, starting from the target's seeds written as a corpus. The child runs
 * the same harness and hands its figures back in a summary file; an exit without one counts as a finding.
 */
public final class CoverageLauncher {

    /** libFuzzer's input length limit: well above every seed, far below the bounds (probes cover those). */
    private static final int MAX_LENGTH = 64 * 1024;

    private final PrintStream out;
    private final PrintStream err;

    public CoverageLauncher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public Stats run(String name, RunOptions options, Path findings, Optional<Conformance> conformance)
            throws Exception {
        Path work = findings.getParent().resolve("coverage").resolve(name);
        Path seeds = work.resolve("seeds");
        Path corpus = work.resolve("corpus");
        Files.createDirectories(seeds);
        Files.createDirectories(corpus);
        Files.createDirectories(findings);
        int written = 0;
        for (Sample seed : new Targets(conformance).make(name).seeds()) {
            if (seed.bytes().length <= MAX_LENGTH) {
                Files.write(seeds.resolve(seed.name().replaceAll("[^A-Za-z0-9.#-]", "_")), seed.bytes());
                written++;
            }
        }
        Path summary = work.resolve("summary.properties");
        Files.deleteIfExists(summary);
        List<String> command = command(name, options, findings, conformance, summary, work);
        command.add(corpus.toString());
        command.add(seeds.toString());
        out.printf("%s: coverage-guided (Jazzer), %d seeds in %s, corpus %s%n", name, written, seeds, corpus);
        Process process = new ProcessBuilder(command).inheritIO().start();
        int status = process.waitFor();
        if (Files.isRegularFile(summary)) {
            Stats stats = Stats.readSummary(name, summary);
            if (status != 0) {
                err.printf("%s: Jazzer ended with status %d%n", name, status);
            }
            return stats;
        }
        err.printf("FINDING in %s: the Jazzer process ended with status %d before its summary; its crash files "
                + "are in %s%n", name, status, findings);
        Stats failed = new Stats(name);
        failed.recordFinding(new byte[0], "Jazzer process status " + status, 0);
        failed.stop();
        return failed;
    }

    private static List<String> command(String name, RunOptions options, Path findings,
            Optional<Conformance> conformance, Path summary, Path work) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heapOption());
        command.add("-XX:-OmitStackTraceInFastThrow");
        command.add("-D" + CoverageSession.FINDINGS + "=" + findings);
        command.add("-D" + CoverageSession.SUMMARY + "=" + summary);
        command.add("-D" + CoverageSession.HANG + "=" + options.hangSeconds());
        conformance.ifPresent(c -> command.add("-D" + Conformance.PROPERTY + "=" + c.folder()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("com.code_intelligence.jazzer.Jazzer");
        String target = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "FuzzTarget";
        command.add("--target_class=" + CoverageLauncher.class.getPackageName() + "." + target);
        command.add("--instrumentation_includes=dev.kprov.agent.**:org.bouncycastle.**");
        command.add("--reproducer_path=" + work);
        command.add("-runs=" + options.inputs());
        command.add("-seed=" + (1 + Math.floorMod(options.seed(), Integer.MAX_VALUE - 1)));
        command.add("-max_len=" + MAX_LENGTH);
        command.add("-timeout=" + options.hangSeconds());
        if (options.maxSeconds() > 0) {
            command.add("-max_total_time=" + options.maxSeconds());
        }
        command.add("-rss_limit_mb=4096");
        command.add("-print_final_stats=1");
        command.add("-artifact_prefix=" + findings + "/" + name + "-jazzer-");
        return command;
    }

    /** The heap limit this JVM was given, so that the child proves the same bound. */
    private static String heapOption() {
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-Xmx")) {
                return argument;
            }
        }
        return "-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m";
    }
}
