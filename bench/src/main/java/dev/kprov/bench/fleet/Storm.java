package dev.kprov.bench.fleet;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.kprov.agent.trust.PackageVerifier;
import dev.kprov.bench.Csv;
import dev.kprov.bench.Tls;
import dev.kprov.sandbox.platform.SandboxPlatform;
import dev.kprov.sandbox.show.Narrator;

/**
 * {@code storm}: a whole site powers up at once while its broker is down. N gateways (the fleet's) are
 * enabled together towards a broker that refuses connections for the first {@code --down} seconds; the
 * connection attempts per second over time show how the first-attempt delay and the retry jitter spread
 * them, and how long after the broker is back every gateway is provisioned.
 */
public final class Storm {

    private Storm() {
    }

    public static void run(Path out, int n, int downSeconds, int retryInterval) throws Exception {
        Path work = Files.createTempDirectory("kprov-bench-storm");
        Narrator quiet = new Narrator(new PrintStream(OutputStream.nullOutputStream()), System.nanoTime());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (SandboxPlatform platform = SandboxPlatform.start(work.resolve("platform"), work.resolve("configurations"),
                quiet); BrokerGate gate = new BrokerGate(URI.create(platform.brokerUrl()).getPort())) {
            PackageVerifier verifier = new PackageVerifier(Clock.systemUTC());
            verifier.prepare();
            long[] openedAt = new long[1];
            timer.schedule(() -> {
                try {
                    gate.open();
                    openedAt[0] = System.nanoTime();
                } catch (Exception e) {
                    System.out.println("the broker could not come back: " + e.getMessage());
                }
            }, downSeconds, TimeUnit.SECONDS);
            Fleet.Result result = Fleet.once(n, retryInterval, platform, "mqtts://127.0.0.1:" + gate.port(),
                    Tls.trusting(platform.brokerCa()), verifier, platform.signerRoot(), work.resolve("storm"), quiet);
            report(out, result, downSeconds, retryInterval, openedAt[0]);
        } finally {
            timer.shutdownNow();
        }
    }

    private static void report(Path out, Fleet.Result result, int downSeconds, int retryInterval, long openedAt)
            throws Exception {
        int seconds = (int) Math.ceil((result.lastProvisioned() - result.start()) / 1e9) + 1;
        int[] perSecond = new int[Math.max(1, seconds)];
        for (long at : result.connects()) {
            int second = (int) ((at - result.start()) / 1_000_000_000L);
            if (second >= 0 && second < perSecond.length) {
                perSecond[second]++;
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        int peak = 0;
        long total = 0;
        int active = 0;
        for (int second = 0; second < perSecond.length; second++) {
            rows.add(List.of(second, perSecond[second]));
            peak = Math.max(peak, perSecond[second]);
            total += perSecond[second];
            if (perSecond[second] > 0) {
                active++;
            }
        }
        double mean = active == 0 ? 0 : total / (double) active;
        double afterBack = (result.lastProvisioned() - openedAt) / 1e9;
        System.out.printf("storm: %d gateways, broker down %d s, retry-interval %d s%n", result.n(), downSeconds,
                retryInterval);
        System.out.printf("  connection attempts: %d; per second: peak %d, mean %.1f over the %d seconds with any, "
                + "peak / mean %.2f%n", total, peak, mean, active, mean == 0 ? 0 : peak / mean);
        System.out.printf("  provisioned: %d of %d, the last %.1f s after the broker was back (retry-interval + 10 s "
                + "= %d s)%n", result.toProvisioned().size(), result.n(), afterBack, retryInterval + 10);
        Csv.write(out, "storm-arrivals.csv", List.of("second", "connection_attempts"), rows);
        Csv.write(out, "storm.csv", List.of("gateways", "down_s", "retry_interval_s", "attempts", "peak_per_s",
                "mean_per_s", "peak_over_mean", "provisioned", "last_after_broker_back_s"),
                List.of(List.of(result.n(), downSeconds, retryInterval, total, peak, String.format("%.1f", mean),
                        String.format("%.2f", mean == 0 ? 0 : peak / mean), result.toProvisioned().size(),
                        String.format("%.1f", afterBack))));
    }
}
