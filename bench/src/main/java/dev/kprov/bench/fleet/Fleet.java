package dev.kprov.bench.fleet;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import dev.kprov.agent.apply.Applier;
import dev.kprov.agent.apply.Journal;
import dev.kprov.agent.component.FleetOptions;
import dev.kprov.agent.fsm.Machine;
import dev.kprov.agent.fsm.MachineParts;
import dev.kprov.agent.fsm.OwnerThread;
import dev.kprov.agent.fsm.ProtocolExchange;
import dev.kprov.agent.fsm.State;
import dev.kprov.agent.mqtt.PahoSessions;
import dev.kprov.agent.trust.PackageVerifier;
import dev.kprov.bench.Csv;
import dev.kprov.bench.Stats;
import dev.kprov.bench.Tls;
import dev.kprov.sandbox.gateway.GatewaySpec;
import dev.kprov.sandbox.platform.GatewayCredentials;
import dev.kprov.sandbox.platform.SandboxPlatform;
import dev.kprov.sandbox.show.Narrator;

/**
 * {@code fleet}: N simulated gateways provisioning at once against one platform and one broker over TLS on
 * loopback. Each gateway is the agent's own machine, exchange, Paho session and apply code (journal
 * included), on its own owner thread, over {@link InMemoryGateway} for the Kura services; one
 * {@link PackageVerifier} serves them all (it is stateless), instead of one BouncyCastle provider each. The
 * first-attempt jitter is what spreads them: retry-interval is N / {@code --arrivals} seconds. Each size also
 * tells where its CPU went ({@link CpuShares}): the platform, its broker, the JIT, the collector, and the rest
 * (the simulated gateways and the harness), and how many threads each gateway started. The broker is the
 * platform's embedded one or this machine's Mosquitto ({@link FleetBroker}); on Mosquitto, each size's
 * gateways are enabled once Mosquitto admits all their requests.
 */
public final class Fleet {

    private static final String PID = "dev.kprov.agent.ProvisioningService";
    private static final Duration ADMISSION_WAIT = Duration.ofSeconds(120);

    private Fleet() {
    }

    public static void run(Path out, List<Integer> sizes, int arrivalsPerSecond, FleetBroker broker) throws Exception {
        Path work = Files.createTempDirectory("kprov-bench-fleet");
        Narrator quiet = new Narrator(new PrintStream(OutputStream.nullOutputStream()), System.nanoTime());
        List<List<Object>> summary = new ArrayList<>();
        List<List<Object>> times = new ArrayList<>();
        try (SandboxPlatform platform = broker.start(work, quiet)) {
            Admitted admitted = new Admitted();
            platform.addListener(admitted);
            BrokerSide side = new BrokerSide(broker.pid(work), broker == FleetBroker.MOSQUITTO
                    ? Optional.of(admitted) : Optional.empty());
            System.out.println("broker: " + broker + " " + platform.brokerUrl()
                    + side.pid().stream().mapToObj(pid -> " (pid " + pid + ")").findFirst().orElse(""));
            SSLContext tls = Tls.trusting(platform.brokerCa());
            PackageVerifier verifier = new PackageVerifier(Clock.systemUTC());
            verifier.prepare();
            List<X509Certificate> anchors = platform.signerRoot();
            System.out.printf("%7s %9s %8s %8s %8s %8s %9s %12s %14s %10s%n", "N", "per s", "p50 ms", "p95 ms",
                    "p99 ms", "failed", "retried", "peak threads", "(agent/paho)", "peak heap");
            for (int n : sizes) {
                Result result = once(n, Math.max(1, (int) Math.ceil(n / (double) arrivalsPerSecond)), platform,
                        platform.brokerUrl(), tls, verifier, anchors, work.resolve("fleet-" + n), quiet, side);
                summary.add(result.row());
                for (double ms : result.toProvisioned) {
                    times.add(List.of(n, String.format("%.1f", ms)));
                }
            }
        }
        Csv.write(out, broker.file("fleet"), List.of("gateways", "retry_interval_s", "per_second", "p50_ms", "p95_ms", "p99_ms",
                "max_ms", "failed", "retried", "peak_threads", "peak_agent_threads", "peak_heap_mb", "cpu_platform_s",
                "cpu_broker_s", "cpu_jit_s", "cpu_gc_s", "cpu_rest_s", "cpu_platform_mqtt_s"), summary);
        Csv.write(out, broker.file("fleet-times"), List.of("gateways", "connecting_to_provisioned_ms"), times);
    }

    record Result(int n, int retryInterval, double perSecond, List<Double> toProvisioned, int failed,
            int retried, int peakThreads, int peakAgentThreads, double peakHeapMb, long start, long lastProvisioned,
            List<Long> connects, CpuShares.Shares cpu, long threadsStarted) {

        List<Object> row() {
            Stats stats = new Stats(toProvisioned);
            System.out.printf("%7d %9.0f %8.0f %8.0f %8.0f %8d %9d %12d %14s %8.0f MB%n", n, perSecond,
                    stats.percentile(50), stats.percentile(95), stats.percentile(99), failed, retried, peakThreads,
                    peakAgentThreads + " agent", peakHeapMb);
            System.out.printf("%7s %s; per gateway: platform and broker %.2f ms (platform thread %.2f, its MQTT "
                    + "clients %.2f, broker %.2f), the rest %.2f ms, %.1f threads started%n", "", cpu.line(),
                    (side(CpuShares.Side.PLATFORM) + side(CpuShares.Side.PLATFORM_MQTT) + side(CpuShares.Side.BROKER))
                            * 1000 / n, side(CpuShares.Side.PLATFORM) * 1000 / n,
                    side(CpuShares.Side.PLATFORM_MQTT) * 1000 / n, side(CpuShares.Side.BROKER) * 1000 / n,
                    cpu.seconds().getOrDefault(CpuShares.Side.REST, Double.NaN) * 1000 / n, threadsStarted / (double) n);
            List<Object> row = new ArrayList<>(List.of(n, retryInterval, String.format("%.0f", perSecond),
                    fmt(stats.percentile(50)), fmt(stats.percentile(95)), fmt(stats.percentile(99)), fmt(stats.max()),
                    failed, retried, peakThreads, peakAgentThreads, String.format("%.0f", peakHeapMb)));
            for (CpuShares.Side side : CpuShares.Side.values()) {
                row.add(fmt(cpu.seconds().getOrDefault(side, Double.NaN)));
            }
            return row;
        }

        private double side(CpuShares.Side side) {
            return cpu.seconds().getOrDefault(side, Double.NaN);
        }
    }

    /**
     * The broker as a run sees it: Mosquitto's process id, whose CPU time counts as the broker's, and the
     * admissions to wait for before enabling the gateways; both empty for the embedded broker.
     */
    record BrokerSide(OptionalLong pid, Optional<Admitted> admitted) {
        static final BrokerSide EMBEDDED = new BrokerSide(OptionalLong.empty(), Optional.empty());
    }

    /** N gateways enabled at once towards {@code brokerUrl} (the embedded broker's), followed until each ends. */
    static Result once(int n, int retryInterval, SandboxPlatform platform, String brokerUrl, SSLContext tls,
            PackageVerifier verifier, List<X509Certificate> anchors, Path dir, Narrator quiet) throws Exception {
        return once(n, retryInterval, platform, brokerUrl, tls, verifier, anchors, dir, quiet, BrokerSide.EMBEDDED);
    }

    static Result once(int n, int retryInterval, SandboxPlatform platform, String brokerUrl, SSLContext tls,
            PackageVerifier verifier, List<X509Certificate> anchors, Path dir, Narrator quiet, BrokerSide broker)
            throws Exception {
        Files.createDirectories(dir);
        List<Device> devices = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            GatewaySpec spec = GatewaySpec.numbered(i, dir).withClientId(String.format("FLEET%d-%05d", n, i));
            GatewayCredentials credentials = platform.addRequest(spec, Optional.empty(), quiet);
            devices.add(new Device(spec, credentials));
        }
        if (broker.admitted().isPresent() && !broker.admitted().get().await(
                devices.stream().map(device -> device.credentials.username()).toList(), ADMISSION_WAIT)) {
            throw new IllegalStateException("Mosquitto did not admit the " + n + " requests within " + ADMISSION_WAIT);
        }
        CountDownLatch ended = new CountDownLatch(n);
        Sampler sampler = Sampler.start();
        long start = System.nanoTime();
        CpuShares cpuAtStart = CpuShares.now(broker.pid());
        long threadsAtStart = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        List<Machine> machines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Device device = devices.get(i);
            OwnerThread owner = new OwnerThread("kprov-agent");
            InMemoryGateway gateway = new InMemoryGateway();
            Applier applier = new Applier(PID, owner, gateway, new Journal(dir.resolve(device.spec.clientId() + ".journal")));
            Machine machine = new Machine(PID, new MachineParts(owner, new PahoSessions(tls::getSocketFactory),
                    new ProtocolExchange(new SecureRandom(), Map::of, () -> anchors, verifier, PID), applier, applier,
                    status -> device.observe(status.state(), status.attempt(), ended), new SecureRandom()));
            machines.add(machine);
            machine.configure(FleetOptions.of(device.settings(platform, brokerUrl, retryInterval)));
        }
        boolean all = ended.await(Math.max(180, retryInterval * 10L), TimeUnit.SECONDS);
        long end = System.nanoTime();
        CpuShares.Shares cpu = CpuShares.now(broker.pid()).since(cpuAtStart);
        long threadsStarted = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threadsAtStart;
        machines.forEach(Machine::close);
        Sampler.Peaks peaks = sampler.stop();
        List<Double> toProvisioned = new ArrayList<>();
        int failed = 0;
        int retried = 0;
        long lastProvisioned = start;
        List<Long> connects = new ArrayList<>();
        for (Device device : devices) {
            connects.addAll(device.connects());
            if (device.provisionedAt > 0) {
                toProvisioned.add((device.provisionedAt - device.connectingAt) / 1e6);
                lastProvisioned = Math.max(lastProvisioned, device.provisionedAt);
            } else {
                failed++;
            }
            if (device.attempts > 1) {
                retried++;
            }
        }
        if (!all) {
            System.out.println("  not every gateway ended within the wait");
        }
        double seconds = ((all ? lastProvisioned : end) - start) / 1e9;
        return new Result(n, retryInterval, toProvisioned.size() / seconds, toProvisioned, failed, retried,
                peaks.threads(), peaks.agentThreads(), peaks.heapMb(), start, lastProvisioned, connects, cpu,
                threadsStarted);
    }

    /** One simulated gateway: its request's credentials and what its agent reported. */
    private static final class Device {
        final GatewaySpec spec;
        final GatewayCredentials credentials;
        volatile long connectingAt;
        volatile long provisionedAt;
        volatile int attempts;
        private boolean ended;
        private final List<Long> connects = new ArrayList<>();

        Device(GatewaySpec spec, GatewayCredentials credentials) {
            this.spec = spec;
            this.credentials = credentials;
        }

        Map<String, Object> settings(SandboxPlatform platform, String brokerUrl, int retryInterval) {
            Map<String, Object> settings = new HashMap<>();
            settings.put("enabled", true);
            settings.put("broker-url", brokerUrl);
            settings.put("account-name", platform.account());
            settings.put("client-id", spec.clientId());
            settings.put("username", credentials.username());
            settings.put("password", credentials.password().reveal());
            settings.put("activation-key", credentials.activationKey().orElseThrow().reveal());
            settings.put("timeout", 30);
            settings.put("retry-interval", retryInterval);
            settings.put("retry-max-attempts", -1);
            return settings;
        }

        /** On the device's owner thread. */
        void observe(State state, int attempt, CountDownLatch ended) {
            if (state == State.CONNECTING) {
                attempts = Math.max(attempts, attempt);
                synchronized (connects) {
                    connects.add(System.nanoTime());
                }
                if (connectingAt == 0) {
                    connectingAt = System.nanoTime();
                }
            } else if (state == State.PROVISIONED && !this.ended) {
                provisionedAt = System.nanoTime();
                this.ended = true;
                ended.countDown();
            } else if ((state == State.FAILED || state == State.MISCONFIGURED) && !this.ended) {
                this.ended = true;
                ended.countDown();
            }
        }

        List<Long> connects() {
            synchronized (connects) {
                return new ArrayList<>(connects);
            }
        }
    }


    private static String fmt(double value) {
        return String.format("%.1f", value);
    }

    static double heapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
