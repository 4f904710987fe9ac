package dev.kprov.fuzz;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line: {@code [payload|cms|xml|all]... [--inputs N] [--seed S] [--engine mutate|coverage]
 * [--probe-every K] [--findings DIR] [--conformance DIR] [--hang-seconds T] [--max-seconds T]}: each target
 * stops at N inputs or after T seconds, whichever comes first.
 */
public record RunOptions(List<String> targets, long inputs, long seed, String engine, int probeEvery,
        Optional<Path> findings, Optional<Path> conformance, int hangSeconds, long maxSeconds) {

    public static final String USAGE = "usage: java -Xmx256m -jar fuzz/target/kprov-fuzz.jar [payload|cms|xml|all]... "
            + "[--inputs N (1000000)] [--seed S (1)] [--engine mutate|coverage (mutate)] [--probe-every K (20000)] "
            + "[--findings DIR (target/findings next to the jar)] [--conformance DIR (shared/conformance, found "
            + "going up)] [--hang-seconds T (60)] [--max-seconds T (no limit): per target]";

    public static RunOptions parse(String[] args) {
        List<String> targets = new ArrayList<>();
        long inputs = 1_000_000;
        long seed = 1;
        String engine = "mutate";
        int probeEvery = 20_000;
        Optional<Path> findings = Optional.empty();
        Optional<Path> conformance = Optional.empty();
        int hangSeconds = 60;
        long maxSeconds = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--inputs" -> inputs = Long.parseLong(value(args, ++i, arg).replace("_", "").replace(",", ""));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--engine" -> engine = value(args, ++i, arg);
                case "--probe-every" -> probeEvery = Integer.parseInt(value(args, ++i, arg));
                case "--findings" -> findings = Optional.of(Paths.get(value(args, ++i, arg)));
                case "--conformance" -> conformance = Optional.of(Paths.get(value(args, ++i, arg)));
                case "--hang-seconds" -> hangSeconds = Integer.parseInt(value(args, ++i, arg));
                case "--max-seconds" -> maxSeconds = Long.parseLong(value(args, ++i, arg));
                case "all" -> targets.addAll(Targets.NAMES);
                default -> {
                    if (!Targets.NAMES.contains(arg)) {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'");
                    }
                    targets.add(arg);
                }
            }
        }
        if (!engine.equals("mutate") && !engine.equals("coverage")) {
            throw new IllegalArgumentException("--engine must be mutate or coverage, not '" + engine + "'");
        }
        if (inputs < 1 || probeEvery < 0 || hangSeconds < 1 || maxSeconds < 0) {
            throw new IllegalArgumentException("--inputs and --hang-seconds must be positive, --probe-every and "
                    + "--max-seconds not negative");
        }
        return new RunOptions(targets.isEmpty() ? Targets.NAMES : targets.stream().distinct().toList(), inputs, seed,
                engine, probeEvery, findings, conformance, hangSeconds, maxSeconds);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
