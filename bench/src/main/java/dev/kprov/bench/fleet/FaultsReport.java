package dev.kprov.bench.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.kprov.agent.fsm.ErrorCategory;
import dev.kprov.agent.fsm.State;
import dev.kprov.bench.Csv;
import dev.kprov.bench.Stats;

/** What a {@code faults} run printed and wrote: the checks, for every gateway, then the figures. */
final class FaultsReport {

    private FaultsReport() {
    }

    static void print(Path out, Faults.Outcome outcome) throws Exception {
        FaultsOptions o = outcome.options();
        List<FaultChecks.Verdict> verdicts = outcome.verdicts();
        int n = verdicts.size();
        System.out.printf("faults: %d gateways, seed %d, %.0f %% of connections cut within %d ms, broker restarts at "
                + "%s s (down %d s), retry-interval %d s, retry-max-attempts %d, timeout %d s%n", n, o.seed(),
                o.cutShare() * 100, o.cutWithinMillis(), o.restartsAt(), o.downSeconds(), o.retryInterval(),
                o.maxAttempts(), o.timeout());
        long provisioned = verdicts.stream().filter(v -> v.last() == State.PROVISIONED).count();
        long policy = verdicts.stream().filter(v -> v.problems().stream().noneMatch(FaultsReport::isPolicy)).count();
        long exact = verdicts.stream().filter(v -> v.last() == State.PROVISIONED
                && v.problems().stream().noneMatch(FaultsReport::isState)).count();
        long untouched = verdicts.stream().filter(v -> v.problems().stream().noneMatch(p -> p.startsWith("after failed")))
                .count();
        System.out.printf("  check: ended PROVISIONED                                  %4d of %d%n", provisioned, n);
        System.out.printf("  check: provisioned state exact (configuration, certificates, own settings, no journal) "
                + "%d of %d%n", exact, n);
        System.out.printf("  check: nothing left behind by a failed attempt            %4d of %d%n", untouched, n);
        System.out.printf("  check: attempts within the retry policy (<= %d attempts, retries >= %d ms after a failure, "
                + "none before its drawn wait) %d of %d%n", o.maxAttempts(), o.retryInterval() * 800, policy, n);
        for (FaultChecks.Verdict verdict : verdicts) {
            if (!verdict.ok()) {
                System.out.println("  FAILED " + verdict.clientId() + ": " + String.join("; ", verdict.problems()));
            }
        }
        outcome.runProblems().forEach(problem -> System.out.println("  FAILED run: " + problem));

        CuttingGate.Counts gate = outcome.gate();
        for (Faults.Restart restart : outcome.restarts()) {
            System.out.printf("  broker restart: down at %.1f s, back at %.1f s, %d relayed connections dropped%s%n",
                    restart.downAt() / 1e9, restart.backAt() / 1e9, restart.dropped(),
                    restart.problem() == null ? "" : ": " + restart.problem());
        }
        System.out.printf("  connections: %d through the gate; %d planned to be cut, %d cut (%d by bytes mid-stream, "
                + "%d by time; %d gateway to broker, %d broker to gateway), %d ended before their cut; %d dropped "
                + "by restarts%n", gate.accepted(), gate.cutPlanned(), outcome.cuts(), gate.cutByBytes(),
                gate.cutByTime(), gate.cutUp(), gate.cutDown(), gate.endedBeforeCut(), gate.droppedByRestart());
        Map<ErrorCategory, Integer> failures = new EnumMap<>(ErrorCategory.class);
        verdicts.forEach(v -> v.failures().forEach((category, count) -> failures.merge(category, count, Integer::sum)));
        int attempts = verdicts.stream().mapToInt(FaultChecks.Verdict::attempts).sum();
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        int mostAttempts = verdicts.stream().mapToInt(FaultChecks.Verdict::attempts).max().orElse(0);
        long retried = verdicts.stream().filter(v -> v.attempts() > 1).count();
        System.out.printf("  attempts: %d, failed %d %s; %d gateways retried, at most %d attempts for one%n", attempts,
                failed, failures, retried, mostAttempts);
        List<Double> gaps = verdicts.stream().map(FaultChecks.Verdict::minRetryGapMs).filter(g -> !g.isNaN()).toList();
        Stats toProvisioned = new Stats(verdicts.stream().map(FaultChecks.Verdict::enabledToProvisionedMs)
                .filter(t -> !t.isNaN()).toList());
        double all = (outcome.lastProvisioned() - outcome.start()) / 1e9;
        double lastBack = outcome.restarts().stream().mapToLong(Faults.Restart::backAt).max().orElse(0) / 1e9;
        System.out.printf("  shortest wait before a retry: %.1f ms; enabled to PROVISIONED: p50 %.1f s, p99 %.1f s; "
                + "all provisioned after %.1f s (%.1f s after the broker was last back)%n",
                gaps.isEmpty() ? Double.NaN : new Stats(gaps).percentile(0), toProvisioned.percentile(50) / 1e3,
                toProvisioned.percentile(99) / 1e3, all, all - lastBack);
        System.out.println(outcome.passed() ? "  PASSED: every check held" : "  FAILED: see above");
        writeCsv(out, outcome, failures, attempts, failed, mostAttempts, provisioned, all);
    }

    private static void writeCsv(Path out, Faults.Outcome outcome, Map<ErrorCategory, Integer> failures, int attempts,
            int failed, int mostAttempts, long provisioned, double all) throws java.io.IOException {
        FaultsOptions o = outcome.options();
        CuttingGate.Counts gate = outcome.gate();
        List<Object> row = new ArrayList<>(List.of(outcome.verdicts().size(), o.seed(), o.cutShare(), o.cutWithinMillis(),
                o.restartsAt().stream().map(String::valueOf).collect(Collectors.joining(" ")), o.downSeconds(),
                o.retryInterval(), o.maxAttempts(), o.timeout(), outcome.restartsDone(), gate.accepted(),
                gate.cutPlanned(), outcome.cuts(), gate.cutByBytes(), gate.cutByTime(), gate.droppedByRestart(),
                attempts, failed));
        List<String> header = new ArrayList<>(List.of("gateways", "seed", "cut_share", "cut_within_ms", "restarts_at_s",
                "down_s", "retry_interval_s", "max_attempts", "timeout_s", "restarts", "connections", "cuts_planned",
                "cuts", "cuts_by_bytes", "cuts_by_time", "dropped_by_restarts", "attempts", "failed_attempts"));
        for (ErrorCategory category : ErrorCategory.values()) {
            header.add("failed_" + category.name().toLowerCase());
            row.add(failures.getOrDefault(category, 0));
        }
        header.addAll(List.of("most_attempts", "provisioned", "all_provisioned_s", "passed"));
        row.addAll(List.of(mostAttempts, provisioned, String.format("%.1f", all), outcome.passed()));
        Csv.write(out, "faults-seed" + o.seed() + ".csv", header, List.of(row));
        List<List<Object>> rows = new ArrayList<>();
        for (FaultChecks.Verdict v : outcome.verdicts()) {
            rows.add(List.of(v.clientId(), v.last(), v.attempts(),
                    v.failures().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining(" ")),
                    String.format("%.1f", v.enabledToProvisionedMs()), String.format("%.1f", v.minRetryGapMs()),
                    v.ok() ? "ok" : String.join(" | ", v.problems()).replace(',', ';')));
        }
        Csv.write(out, "faults-seed" + o.seed() + "-gateways.csv", List.of("client_id", "state", "attempts", "failures",
                "enabled_to_provisioned_ms", "min_retry_gap_ms", "checks"), rows);
    }

    private static boolean isPolicy(String problem) {
        return problem.contains("retry-max-attempts") || problem.contains("after the failure before it")
                || problem.contains("wait was drawn") || problem.contains("without a wait drawn")
                || problem.contains("followed attempt") || problem.startsWith("FAILED");
    }

    private static boolean isState(String problem) {
        return !isPolicy(problem) && !problem.startsWith("after failed") && !problem.startsWith("ended ");
    }
}
