package dev.kprov.bench.micro;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

/**
 * {@code java -jar bench/target/kprov-bench.jar micro [--quick] [REGEX] [JMH options]}: the JMH
 * micro-benchmarks of the agent's hot paths (KuraPayload encode and decode, CMS verification with RSA-2048
 * and ECDSA P-256, configuration XML parsing), each in a forked JVM; the figures are printed as a table
 * and written to {@code micro.csv} in the output directory. Options: see {@link MicroOptions}; {@code -h}
 * lists JMH's, {@code -l} the benchmarks.
 *
 * <p>Forks: JMH starts each one with {@code -cp} set to this JVM's {@code java.class.path}. Under
 * {@code java -jar} that is the jar alone, but the JVM follows a jar's manifest {@code Class-Path} (here
 * {@code lib/}) under {@code -cp} just as under {@code -jar}, and the fork keeps this working directory, so
 * it loads the same classes without anything more being passed.
 */
public final class Micro {

    private static final String USAGE = String.join("\n",
            "usage: java -jar bench/target/kprov-bench.jar micro [--out DIR] [--quick] [REGEX...] [JMH options]",
            "  default: 1 fork, 3 warm-up and 5 measured iterations of 1 s, average time in us/op",
            "  --quick  a smoke run of seconds: 1 warm-up and 3 measured iterations of 200 ms",
            "  REGEX    only the benchmarks whose name matches, e.g. PayloadCodecBench or 'verify.*'",
            "JMH options:");

    private Micro() {
    }

    public static void run(Path out, List<String> args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(MicroOptions.jmhArguments(args).toArray(new String[0]));
        if (cli.shouldHelp()) {
            System.out.println(USAGE);
            cli.showHelp();
            return;
        }
        Options options = MicroOptions.build(cli, MicroOptions.quick(args));
        Runner runner = new Runner(options);
        if (cli.shouldList()) {
            runner.list();
            return;
        }
        Collection<RunResult> results = runner.run();
        ResultTable table = ResultTable.of(results);
        System.out.println();
        table.print(System.out);
        table.writeCsv(out);
    }
}
