package dev.kprov.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kprov.sandbox.gateway.GatewaySpec;
import dev.kprov.sandbox.platform.SandboxPlatform;
import dev.kprov.sandbox.show.Narrator;

/**
 * One gateway, over TLS on loopback: the agent's enable-to-PROVISIONED, by phase, beside the floor of the
 * same exchange done by a bare Paho client, in turns within one run so that both see the same machine.
 * The agent's time is counted from its CONNECTING: before it is only the first-attempt jitter, a wait
 * the agent chooses (skipped here with {@code kprov:retry}).
 */
final class OneGateway {

    private OneGateway() {
    }

    static void run(Path out, int runs, int warmUp) throws Exception {
        Path work = Files.createTempDirectory("kprov-bench-one-gateway");
        Narrator quiet = new Narrator(new PrintStream(OutputStream.nullOutputStream()), System.nanoTime());
        Map<String, List<Map<String, Double>>> samples = new LinkedHashMap<>();
        Map<String, Integer> failures = new LinkedHashMap<>();
        samples.put("agent", new ArrayList<>());
        samples.put("floor-paho-tuned", new ArrayList<>());
        samples.put("floor-paho", new ArrayList<>());
        try (SandboxPlatform platform = SandboxPlatform.start(work.resolve("platform"), work.resolve("configurations"),
                quiet); AgentGateway agent = AgentGateway.start(work.resolve("gateways"), platform, quiet)) {
            Floor prompt = new Floor(platform, GatewaySpec.numbered(2, work), quiet, true);
            Floor plain = new Floor(platform, GatewaySpec.numbered(3, work), quiet, false);
            System.out.printf("one gateway: %d warm-up and %d measured runs of each kind, in turns%n", warmUp, runs);
            for (int i = 0; i < warmUp + runs; i++) {
                Map<String, Double> a = attempt("agent", agent::provisionOnce, failures);
                Map<String, Double> f = attempt("floor-paho-tuned", prompt::exchangeOnce, failures);
                Map<String, Double> p = attempt("floor-paho", plain::exchangeOnce, failures);
                if (i >= warmUp) {
                    add(samples.get("agent"), a);
                    add(samples.get("floor-paho-tuned"), f);
                    add(samples.get("floor-paho"), p);
                }
                if ((i + 1) % 20 == 0) {
                    System.out.printf("  %d/%d%n", i + 1, warmUp + runs);
                }
            }
        } finally {
            Folders.delete(work);
        }
        report(out, samples);
        System.out.println("failed runs: " + (failures.isEmpty() ? "none" : failures));
    }

    private interface Run {
        Map<String, Double> once() throws Exception;
    }

    /** One run; a failure is counted and reported, not measured (the broker is Moquette 0.17, see BENCHMARKS.md). */
    private static Map<String, Double> attempt(String kind, Run run, Map<String, Integer> failures) {
        try {
            return run.once();
        } catch (Exception e) {
            failures.merge(kind, 1, Integer::sum);
            System.out.println("  " + kind + " run failed: " + e.getMessage());
            return null;
        }
    }

    private static void add(List<Map<String, Double>> samples, Map<String, Double> run) {
        if (run != null) {
            samples.add(run);
        }
    }

    private static void report(Path out, Map<String, List<Map<String, Double>>> samples) throws Exception {
        List<List<Object>> raw = new ArrayList<>();
        List<List<Object>> summary = new ArrayList<>();
        System.out.printf("%n%-18s %-16s %9s %9s %9s%n", "kind", "phase", "p50 ms", "p95 ms", "max ms");
        for (Map.Entry<String, List<Map<String, Double>>> kind : samples.entrySet()) {
            List<String> phases = new ArrayList<>(kind.getValue().get(0).keySet());
            for (int i = 0; i < kind.getValue().size(); i++) {
                for (String phase : phases) {
                    raw.add(List.of(kind.getKey(), i, phase, kind.getValue().get(i).get(phase)));
                }
            }
            boolean agent = kind.getKey().equals("agent");
            // the agent's map holds when each phase began; a floor's when each ended
            for (int p = 0; p < phases.size() - (agent ? 1 : 0); p++) {
                String phase = phases.get(p);
                List<Double> durations = new ArrayList<>();
                for (Map<String, Double> run : kind.getValue()) {
                    double from = agent ? run.get(phase) : p == 0 ? 0 : run.get(phases.get(p - 1));
                    double to = agent ? run.get(phases.get(p + 1)) : run.get(phase);
                    durations.add(to - from);
                }
                summary.add(line(kind.getKey(), phase, new Stats(durations)));
            }
            String last = agent ? "PROVISIONED" : "reply";
            List<Double> totals = kind.getValue().stream().map(r -> r.get(last)).toList();
            summary.add(line(kind.getKey(), agent ? "total (CONNECTING to PROVISIONED)" : "total (to the reply)",
                    new Stats(totals)));
            if (agent) {
                List<Double> exchange = kind.getValue().stream().map(r -> r.get("VERIFYING")).toList();
                summary.add(line(kind.getKey(), "exchange (CONNECTING to VERIFYING)", new Stats(exchange)));
            }
        }
        double agentTotal = p50(summary, "agent", "total (CONNECTING to PROVISIONED)");
        double agentExchange = p50(summary, "agent", "exchange (CONNECTING to VERIFYING)");
        double floor = p50(summary, "floor-paho-tuned", "total (to the reply)");
        double plainFloor = p50(summary, "floor-paho", "total (to the reply)");
        System.out.printf("%nratio agent / floor (p50): whole run %.2f, exchange only %.2f (floor: Paho tuned as "
                + "the agent runs it); against Paho as it comes %.2f%n", agentTotal / floor, agentExchange / floor,
                agentTotal / plainFloor);
        summary.add(List.of("ratio", "agent total / floor-paho-tuned", "", String.format("%.2f", agentTotal / floor), "", ""));
        summary.add(List.of("ratio", "agent exchange / floor-paho-tuned", "", String.format("%.2f", agentExchange / floor), "", ""));
        summary.add(List.of("ratio", "agent total / floor-paho", "", String.format("%.2f", agentTotal / plainFloor), "", ""));
        Csv.write(out, "one-gateway-runs.csv", List.of("kind", "run", "phase", "ms"), raw);
        Csv.write(out, "one-gateway.csv", List.of("kind", "phase", "runs", "p50_ms", "p95_ms", "max_ms"), summary);
    }

    private static List<Object> line(String kind, String phase, Stats stats) {
        System.out.printf("%-18s %-36s %9.1f %9.1f %9.1f%n", kind, phase, stats.percentile(50), stats.percentile(95),
                stats.max());
        return List.of(kind, phase, stats.count(), fmt(stats.percentile(50)), fmt(stats.percentile(95)), fmt(stats.max()));
    }

    private static String fmt(double value) {
        return String.format("%.1f", value);
    }

    private static double p50(List<List<Object>> summary, String kind, String phase) {
        return summary.stream().filter(r -> r.get(0).equals(kind) && r.get(1).equals(phase))
                .mapToDouble(r -> Double.parseDouble((String) r.get(3))).findFirst().orElse(Double.NaN);
    }
}
