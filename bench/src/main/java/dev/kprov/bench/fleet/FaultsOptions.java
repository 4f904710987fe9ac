package dev.kprov.bench.fleet;

import java.util.Arrays;
import java.util.List;

/**
 * The settings of a {@code faults} run. The defaults are the run of docs/RELIABILITY.md: 1,000 gateways,
 * 10 % of connections cut in their first 2 s, the broker down 5 s at 6 s and again at 25 s, retry-interval
 * 10 s, retry-max-attempts 10, timeout 15 s.
 */
public record FaultsOptions(int gateways, long seed, double cutShare, long cutWithinMillis, List<Integer> restartsAt,
        int downSeconds, int retryInterval, int maxAttempts, int timeout, int waitSeconds) {

    public static final String USAGE = "faults [--gateways 1000] [--seed 1] [--cut 0.10] [--cut-within-ms 2000]\n"
            + "         [--restarts-at 6,25] [--down 5] [--retry-interval 10] [--max-attempts 10] [--timeout 15]\n"
            + "         [--wait 240]";

    public FaultsOptions {
        if (gateways < 1 || cutShare < 0 || cutShare > 1 || cutWithinMillis < 1 || downSeconds < 0
                || retryInterval < 1 || maxAttempts < 1 || timeout < 1 || waitSeconds < 1) {
            throw new IllegalArgumentException("faults: out of range: " + USAGE);
        }
        restartsAt = List.copyOf(restartsAt);
        if (restartsAt.stream().anyMatch(at -> at < 0)) {
            throw new IllegalArgumentException("faults: --restarts-at takes seconds from the start, 0 or more");
        }
    }

    /** From the command line's options after the benchmark's name. */
    public static FaultsOptions parse(List<String> args) {
        String restarts = option(args, "--restarts-at", "6,25");
        return new FaultsOptions(Integer.parseInt(option(args, "--gateways", "1000")),
                Long.parseLong(option(args, "--seed", "1")), Double.parseDouble(option(args, "--cut", "0.10")),
                Long.parseLong(option(args, "--cut-within-ms", "2000")),
                restarts.isBlank() ? List.of()
                        : Arrays.stream(restarts.split(",")).map(String::trim).map(Integer::valueOf).toList(),
                Integer.parseInt(option(args, "--down", "5")), Integer.parseInt(option(args, "--retry-interval", "10")),
                Integer.parseInt(option(args, "--max-attempts", "10")), Integer.parseInt(option(args, "--timeout", "15")),
                Integer.parseInt(option(args, "--wait", "240")));
    }

    private static String option(List<String> args, String name, String otherwise) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : otherwise;
    }
}
