package dev.kprov.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar bench/target/kprov-bench.jar BENCHMARK [options]}: one benchmark of docs/BENCHMARKS.md,
 * its figures printed and written as CSV under {@code bench/results/} (or {@code --out DIR}).
 */
public final class Main {

    private static final String USAGE = String.join("\n",
            "usage: java -jar bench/target/kprov-bench.jar BENCHMARK [--out DIR] [options]",
            "  one-gateway [--runs N] [--warm-up N]   enable-to-PROVISIONED over TLS, by phase, beside a bare",
            "                                         Paho exchange against the same broker and platform",
            "  fleet [--sizes 100,1000,5000] [--arrivals 500] [--broker embedded|mosquitto]",
            "                                         N simulated gateways at once (the agent's own code over",
            "                                         in-memory Kura services): per second, p50/p95/p99, peaks,",
            "                                         CPU by side; on the platform's embedded broker, or on this",
            "                                         machine's Mosquitto that it starts (fleet-mosquitto*.csv)",
            "  storm [--gateways 1000] [--down 10] [--retry-interval 10]",
            "                                         the fleet enabled while its broker is down: attempts per",
            "                                         second, and the time to all provisioned once it is back",
            "  " + dev.kprov.bench.fleet.FaultsOptions.USAGE.replace("\n", "\n  "),
            "                                         the fleet while the broker restarts and connections are",
            "                                         cut: checks every gateway ends provisioned, exactly, within",
            "                                         its retry policy; exit status 1 if any check fails",
            "  footprint [--dp-dir DIR]               .dp size; the agent's threads and retained heap when",
            "                                         disabled, waiting and PROVISIONED; start to DISABLED",
            "  micro [JMH options]                    KuraPayload, CMS verification, configuration XML (JMH)",
            "  plot [--csv DIR] [--png DIR]           the PNG figures of docs/BENCHMARKS.md from the CSV files",
            "Figures go to standard output, CSV files to --out (default bench/results).");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.println(USAGE);
            return;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        Path out = Paths.get(option(rest, "--out", "bench/results"));
        logTo(out.resolve(args[0] + ".log"));
        switch (args[0]) {
            case "one-gateway" -> OneGateway.run(out, Integer.parseInt(option(rest, "--runs", "200")),
                    Integer.parseInt(option(rest, "--warm-up", "20")));
            case "fleet" -> dev.kprov.bench.fleet.Fleet.run(out,
                    Arrays.stream(option(rest, "--sizes", "100,1000,5000").split(",")).map(String::trim)
                            .map(Integer::valueOf).toList(),
                    Integer.parseInt(option(rest, "--arrivals", "500")), fleetBroker(rest));
            case "storm" -> dev.kprov.bench.fleet.Storm.run(out, Integer.parseInt(option(rest, "--gateways", "1000")),
                    Integer.parseInt(option(rest, "--down", "10")),
                    Integer.parseInt(option(rest, "--retry-interval", "10")));
            case "faults" -> // exits, whatever thread a closed platform may have left behind (Faults tells)
                System.exit(dev.kprov.bench.fleet.Faults.run(out, dev.kprov.bench.fleet.FaultsOptions.parse(rest))
                        .passed() ? 0 : 1);
            case "footprint" -> Footprint.run(out, Paths.get(option(rest, "--dp-dir", "distrib/target")));
            case "plot" -> Plot.run(Paths.get(option(rest, "--csv", out.toString())),
                    Paths.get(option(rest, "--png", out.toString())));
            case "micro" -> dev.kprov.bench.micro.Micro.run(out, rest);
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    /**
     * Every log line of this process (slf4j-simple outside and inside the framework both write to
     * System.err as it is at each line) to {@code file}, so that standard output shows only figures.
     */
    private static void logTo(Path file) throws java.io.IOException {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "false");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.log.io.moquette", "warn");
        System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(file.toFile()), true,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** {@code --broker}, or the usage and exit status 2 (on standard output: standard error is the log). */
    private static dev.kprov.bench.fleet.FleetBroker fleetBroker(List<String> args) {
        try {
            return dev.kprov.bench.fleet.FleetBroker.parse(option(args, "--broker", "embedded"));
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            throw e;
        }
    }

    static String option(List<String> args, String name, String otherwise) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : otherwise;
    }
}
