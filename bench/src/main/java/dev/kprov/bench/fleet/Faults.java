package dev.kprov.bench.fleet;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.eclipse.kura.configuration.Password;

import dev.kprov.agent.apply.Applier;
import dev.kprov.agent.apply.Journal;
import dev.kprov.agent.component.FleetOptions;
import dev.kprov.agent.fsm.Machine;
import dev.kprov.agent.fsm.MachineParts;
import dev.kprov.agent.fsm.OwnerThread;
import dev.kprov.agent.fsm.ProtocolExchange;
import dev.kprov.agent.mqtt.PahoSessions;
import dev.kprov.agent.trust.PackageVerifier;
import dev.kprov.bench.Tls;
import dev.kprov.platform.request.ProvisionRequestSpec;

/**
 * {@code faults} (issue 6): the fleet of {@link Fleet} (the agent's own machine, exchange, Paho session,
 * apply code and journal per gateway, over {@link InMemoryGateway}), all enabled at once against one
 * platform over TLS on loopback, while the broker is stopped and started again (every connection dropped,
 * new ones refused, then the same broker back on the same port) at chosen moments, and a share of the
 * connections is cut at random by the {@link CuttingGate} the gateways connect through. Afterwards every
 * gateway is checked ({@link FaultChecks}): PROVISIONED, the provisioned state exactly, within its retry
 * policy; and after each failed attempt, as it happened, nothing half-applied ({@link FaultDevice}).
 */
public final class Faults {

    private static final String PID = "dev.kprov.agent.ProvisioningService";
    private static final String TRANSPORT = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    private static final String DATA_SERVICE = "org.eclipse.kura.data.DataService";
    private static final String ACCOUNT = "acme";
    private static final int RESTART_TRIES = 20;
    private static final long RESTART_RETRY_MS = 500;

    /** One stop and start of the broker: when (ns from the start), connections it dropped, what went wrong. */
    record Restart(long downAt, long backAt, int dropped, String problem) {
    }

    /** What a run found; {@link #passed()} when every check held. */
    public record Outcome(FaultsOptions options, long start, long lastProvisioned, List<FaultChecks.Verdict> verdicts,
            List<Restart> restarts, CuttingGate.Counts gate, List<String> runProblems) {

        public boolean passed() {
            return runProblems.isEmpty() && verdicts.stream().allMatch(FaultChecks.Verdict::ok);
        }

        public int restartsDone() {
            return (int) restarts.stream().filter(restart -> restart.problem() == null).count();
        }

        public int cuts() {
            return gate.cutByBytes() + gate.cutByTime();
        }
    }

    private Faults() {
    }

    /** Runs, prints the checks and figures, writes the CSV files into {@code out}. */
    public static Outcome run(Path out, FaultsOptions options) throws Exception {
        Outcome outcome = once(options, Files.createTempDirectory("kprov-bench-faults"));
        FaultsReport.print(out, outcome);
        reportLingeringThreads();
        return outcome;
    }

    /**
     * Every platform of the run is closed by now: a non-daemon thread still alive after a few seconds is one
     * that its close left behind, and would keep the process from ending. Told, not hidden.
     */
    private static void reportLingeringThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> lingering = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isDaemon() || thread == Thread.currentThread() || thread.getName().equals("DestroyJavaVM")) {
                continue;
            }
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                lingering.add(thread.getName());
            }
        }
        if (!lingering.isEmpty()) {
            System.out.println("  note: non-daemon threads left after the platforms were closed: " + lingering);
        }
    }

    static Outcome once(FaultsOptions o, Path work) throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kprov-bench-restarts");
            thread.setDaemon(true);
            return thread;
        });
        List<Restart> restarts = new CopyOnWriteArrayList<>();
        List<String> runProblems = new ArrayList<>();
        List<Machine> machines = new ArrayList<>();
        try (RestartablePlatform platform = RestartablePlatform.start(work.resolve("platform"));
                CuttingGate gate = new CuttingGate(platform.port(), o.cutShare(), o.cutWithinMillis(), o.seed())) {
            gate.open();
            SSLContext tls = Tls.trusting(platform.brokerCa());
            PackageVerifier verifier = new PackageVerifier(Clock.systemUTC());
            verifier.prepare();
            List<X509Certificate> anchors = platform.signerRoot();
            String url = "mqtts://127.0.0.1:" + gate.port();
            CountDownLatch ended = new CountDownLatch(o.gateways());
            List<FaultDevice> devices = new ArrayList<>();
            List<Map<String, Object>> settings = new ArrayList<>();
            SecureRandom secrets = new SecureRandom();
            for (int i = 1; i <= o.gateways(); i++) {
                String clientId = String.format("FAULTS-%05d", i);
                String password = hex(secrets, 12);
                String activationKey = hex(secrets, 16);
                String accountPassword = hex(secrets, 12);
                Path configuration = work.resolve("configurations").resolve(clientId + ".xml");
                Map<String, Map<String, Object>> expected = writeConfiguration(configuration, clientId,
                        platform.brokerUrl(), accountPassword);
                platform.add(ProvisionRequestSpec.builder(clientId).username(clientId + "-SN").password(password)
                        .activationKey(activationKey).accountName(ACCOUNT).configuration(configuration).build());
                devices.add(new FaultDevice(clientId, work.resolve("journals").resolve(clientId + ".journal"), expected,
                        ended));
                settings.add(settings(platform.account(), url, clientId, password, activationKey, o));
            }
            Files.createDirectories(work.resolve("journals"));
            long start = System.nanoTime();
            List<ScheduledFuture<?>> planned = new ArrayList<>();
            for (int at : o.restartsAt()) {
                planned.add(timer.schedule(() -> stop(platform, gate, timer, o.downSeconds(), restarts, start), at,
                        TimeUnit.SECONDS));
            }
            for (int i = 0; i < devices.size(); i++) {
                FaultDevice device = devices.get(i);
                String logPid = PID + "#" + device.clientId;
                OwnerThread owner = new OwnerThread("kprov-agent");
                Applier applier = new Applier(logPid, owner, device.gateway, new Journal(device.journal));
                Machine machine = new Machine(logPid, new MachineParts(owner, new PahoSessions(tls::getSocketFactory),
                        new ProtocolExchange(new SecureRandom(), Map::of, () -> anchors, verifier, PID), applier, applier,
                        device::observe, device.jitter(o.seed() * 1_000_003L + i)));
                machines.add(machine);
                machine.configure(FleetOptions.of(settings.get(i)));
            }
            if (!ended.await(o.waitSeconds(), TimeUnit.SECONDS)) {
                runProblems.add((ended.getCount()) + " gateways had not ended within " + o.waitSeconds() + " s");
            }
            for (int k = 0; k < planned.size(); k++) {
                if (planned.get(k).cancel(false)) {
                    runProblems.add("the restart at " + o.restartsAt().get(k) + " s came after every gateway had "
                            + "ended: choose an earlier moment");
                }
            }
            // A restart under way finishes before the platform is closed.
            timer.shutdown();
            timer.awaitTermination(o.downSeconds() + 30L, TimeUnit.SECONDS);
            machines.forEach(Machine::close);
            FaultChecks checks = new FaultChecks(o.retryInterval(), o.maxAttempts(), platform.signerChain());
            List<FaultChecks.Verdict> verdicts = new ArrayList<>();
            long lastProvisioned = start;
            for (FaultDevice device : devices) {
                FaultChecks.Verdict verdict = checks.check(device, start);
                verdicts.add(verdict);
                if (!Double.isNaN(verdict.enabledToProvisionedMs())) {
                    lastProvisioned = Math.max(lastProvisioned, start + (long) (verdict.enabledToProvisionedMs() * 1e6));
                }
            }
            restarts.stream().filter(restart -> restart.problem() != null)
                    .forEach(restart -> runProblems.add("a broker restart failed: " + restart.problem()));
            return new Outcome(o, start, lastProvisioned, verdicts, List.copyOf(restarts), gate.counts(), runProblems);
        } finally {
            machines.forEach(Machine::close);
            timer.shutdownNow();
        }
    }

    /**
     * The broker goes down: the gate stops listening and drops every connection, the platform stops, and is
     * started again at once behind the shut gate (same port, keys and requests), so that the gateways find
     * it down for {@code downSeconds} however long its restart takes.
     */
    private static void stop(RestartablePlatform platform, CuttingGate gate, ScheduledExecutorService timer,
            int downSeconds, List<Restart> restarts, long start) {
        long downAt = System.nanoTime() - start;
        int dropped;
        try {
            dropped = gate.shut();
            platform.stop();
        } catch (Exception e) {
            restarts.add(new Restart(downAt, 0, 0, "cannot stop: " + e));
            return;
        }
        back(platform, gate, timer, downAt, dropped, restarts, start, downSeconds, 1);
    }

    /** The broker starts again on the same port (tried again shortly if the port is not free yet). */
    private static void back(RestartablePlatform platform, CuttingGate gate, ScheduledExecutorService timer,
            long downAt, int dropped, List<Restart> restarts, long start, int downSeconds, int tries) {
        try {
            platform.restart();
        } catch (Exception e) {
            if (tries >= RESTART_TRIES) {
                restarts.add(new Restart(downAt, 0, dropped, "cannot start again after " + tries + " tries: " + e));
                return;
            }
            timer.schedule(() -> back(platform, gate, timer, downAt, dropped, restarts, start, downSeconds, tries + 1),
                    RESTART_RETRY_MS, TimeUnit.MILLISECONDS);
            return;
        }
        long openAt = downAt + downSeconds * 1_000_000_000L;
        timer.schedule(() -> {
            try {
                gate.open();
                restarts.add(new Restart(downAt, System.nanoTime() - start, dropped, null));
            } catch (Exception e) {
                restarts.add(new Restart(downAt, 0, dropped, "the gate cannot listen again: " + e));
            }
        }, Math.max(0, openAt - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
    }

    private static Map<String, Object> settings(String account, String url, String clientId, String password,
            String activationKey, FaultsOptions o) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("enabled", true);
        settings.put("broker-url", url);
        settings.put("account-name", account);
        settings.put("client-id", clientId);
        settings.put("username", clientId + "-SN");
        settings.put("password", password);
        settings.put("activation-key", activationKey);
        settings.put("timeout", o.timeout());
        settings.put("retry-interval", o.retryInterval());
        settings.put("retry-max-attempts", o.maxAttempts());
        return settings;
    }

    /**
     * The Kura configuration snapshot the platform delivers (PROTOCOL.md 6.2: the account connection and
     * the DataService), written to {@code file}; returns what the gateway must hold once it is applied.
     */
    private static Map<String, Map<String, Object>> writeConfiguration(Path file, String clientId, String brokerUrl,
            String accountPassword) throws java.io.IOException {
        Map<String, Object> transport = new LinkedHashMap<>();
        transport.put("broker-url", brokerUrl);
        transport.put("topic.context.account-name", ACCOUNT);
        transport.put("username", clientId + "-account");
        transport.put("password", new Password(accountPassword.toCharArray()));
        transport.put("client-id", clientId);
        Map<String, Object> dataService = new LinkedHashMap<>();
        dataService.put("connect.auto-on-startup", Boolean.TRUE);
        dataService.put("connect.retry-interval", 1);
        Map<String, Map<String, Object>> expected = Map.of(TRANSPORT, transport, DATA_SERVICE, dataService);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<esf:configurations "
                + "xmlns:esf=\"http://eurotech.com/esf/2.0\" xmlns:ocd=\"http://www.osgi.org/xmlns/metatype/v1.2.0\">\n");
        for (String pid : List.of(TRANSPORT, DATA_SERVICE)) {
            xml.append(" <esf:configuration pid=\"").append(pid).append("\">\n  <esf:properties>\n");
            expected.get(pid).forEach((name, value) -> xml.append("   <esf:property name=\"").append(name)
                    .append("\" array=\"false\" encrypted=\"false\" type=\"").append(type(value)).append("\"><esf:value>")
                    .append(value instanceof Password password ? new String(password.getPassword()) : value)
                    .append("</esf:value></esf:property>\n"));
            xml.append("  </esf:properties>\n </esf:configuration>\n");
        }
        xml.append("</esf:configurations>\n");
        Files.createDirectories(file.getParent());
        Files.write(file, xml.toString().getBytes(StandardCharsets.UTF_8));
        return expected;
    }

    private static String type(Object value) {
        return value instanceof Password ? "Password" : value.getClass().getSimpleName();
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
