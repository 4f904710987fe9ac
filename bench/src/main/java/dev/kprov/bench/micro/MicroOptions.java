package dev.kprov.bench.micro;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH options of a micro run: JMH's own command line (a regex of benchmarks, {@code -f}, {@code -wi},
 * {@code -w}, {@code -i}, {@code -r}, {@code -bm}, {@code -tu}, {@code -t}, {@code -prof}, {@code -foe}...)
 * over this harness's defaults, which give stable figures in about a minute and a half on two cores: one
 * fork, 3 warm-up and 5 measured iterations of 1 s, average time in microseconds. {@code --quick} swaps in
 * a smoke run of seconds (one fork, 1 warm-up and 3 measured iterations of 200 ms); {@code --out DIR}
 * belongs to Main and is left out.
 */
final class MicroOptions {

    static final String QUICK = "--quick";
    static final String OUT = "--out";
    /** Every benchmark of this package, when the command line names none. */
    static final String ALL = "^" + MicroOptions.class.getPackageName().replace(".", "\\.") + "\\.";

    private record Defaults(int warmupIterations, TimeValue warmupTime, int iterations, TimeValue time) {
    }

    private static final Defaults STABLE = new Defaults(3, TimeValue.seconds(1), 5, TimeValue.seconds(1));
    /** Three measured iterations: JMH gives no error margin for fewer. */
    private static final Defaults SMOKE = new Defaults(1, TimeValue.milliseconds(200), 3,
            TimeValue.milliseconds(200));
    /** The platform logs each signer it generates in set-up, in the middle of JMH's iteration lines. */
    private static final String QUIET_PLATFORM = "-Dorg.slf4j.simpleLogger.log.dev.kprov.platform=warn";

    private MicroOptions() {
    }

    static boolean quick(List<String> args) {
        return args.contains(QUICK);
    }

    /** The arguments for JMH's parser: without {@code --quick} and {@code --out DIR}. */
    static List<String> jmhArguments(List<String> args) {
        List<String> jmh = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(OUT)) {
                i++;
            } else if (!args.get(i).equals(QUICK)) {
                jmh.add(args.get(i));
            }
        }
        return jmh;
    }

    /** The command line's values where it gives them, this harness's defaults elsewhere. */
    static Options build(CommandLineOptions cli, boolean quick) {
        Defaults defaults = quick ? SMOKE : STABLE;
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(ALL);
        }
        if (!cli.getForkCount().hasValue()) {
            options.forks(1);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            options.warmupIterations(defaults.warmupIterations());
        }
        if (!cli.getWarmupTime().hasValue()) {
            options.warmupTime(defaults.warmupTime());
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            options.measurementIterations(defaults.iterations());
        }
        if (!cli.getMeasurementTime().hasValue()) {
            options.measurementTime(defaults.time());
        }
        if (cli.getBenchModes().isEmpty()) {
            options.mode(Mode.AverageTime);
        }
        if (!cli.getTimeUnit().hasValue()) {
            options.timeUnit(TimeUnit.MICROSECONDS);
        }
        if (!cli.getJvmArgsAppend().hasValue()) {
            options.jvmArgsAppend(QUIET_PLATFORM);
        }
        if (!cli.shouldFailOnError().hasValue()) {
            // a benchmark that throws must stop the run, not leave a row missing from the figures
            options.shouldFailOnError(true);
        }
        return options.build();
    }
}
