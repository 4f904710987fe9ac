package dev.kprov.bench.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

/** What a user types after {@code micro} is what JMH runs; what they leave out takes the harness's defaults. */
class MicroOptionsTest {

    @Test
    void withoutArgumentsEveryBenchmarkRunsWithTheStableSettings() throws Exception {
        Options options = options(List.of("--out", "bench/results"));

        assertEquals(List.of(MicroOptions.ALL), options.getIncludes());
        assertEquals(1, options.getForkCount().get());
        assertEquals(3, options.getWarmupIterations().get());
        assertEquals(TimeValue.seconds(1), options.getWarmupTime().get());
        assertEquals(5, options.getMeasurementIterations().get());
        assertEquals(TimeValue.seconds(1), options.getMeasurementTime().get());
        assertEquals(List.of(Mode.AverageTime), List.copyOf(options.getBenchModes()));
        assertEquals(TimeUnit.MICROSECONDS, options.getTimeUnit().get());
        assertEquals(true, options.shouldFailOnError().get());
    }

    @Test
    void quickIsASmokeRunAndTheUsersRegexAndKnobsWin() throws Exception {
        Options options = options(List.of("--quick", "verify.*", "-i", "4", "-f", "2", "--out", "/tmp/x"));

        assertEquals(List.of("verify.*"), options.getIncludes());
        assertEquals(2, options.getForkCount().get());
        assertEquals(1, options.getWarmupIterations().get());
        assertEquals(TimeValue.milliseconds(200), options.getWarmupTime().get());
        assertEquals(4, options.getMeasurementIterations().get(), "-i wins over --quick");
        assertEquals(TimeValue.milliseconds(200), options.getMeasurementTime().get());
    }

    private static Options options(List<String> args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(MicroOptions.jmhArguments(args).toArray(new String[0]));
        return MicroOptions.build(cli, MicroOptions.quick(args));
    }
}
