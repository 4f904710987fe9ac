package dev.kprov.sandbox.run;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import dev.kprov.sandbox.gateway.AgentEvents;
import dev.kprov.sandbox.gateway.AgentSettings;
import dev.kprov.sandbox.gateway.AgentStatus;
import dev.kprov.sandbox.gateway.EmbeddedBundle;
import dev.kprov.sandbox.gateway.GatewayException;
import dev.kprov.sandbox.gateway.GatewayFramework;
import dev.kprov.sandbox.gateway.GatewayServices;
import dev.kprov.sandbox.gateway.GatewaySpec;
import dev.kprov.sandbox.show.Narrator;
import dev.kprov.sandbox.show.Summary;
import dev.kprov.sandbox.show.Timeline;

/**
 * One emulated gateway through a run: its framework started, its agent heard, trusted, enabled, and
 * followed until it ends (PROVISIONED, FAILED, MISCONFIGURED) or the wait is over.
 */
final class GatewayRun implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The agent posts its first status as it activates, well within this. */
    private static final Duration FIRST_STATUS_WAIT = Duration.ofSeconds(5);
    private static final String EVENT_ADMIN_BSN = "org.apache.felix.eventadmin";
    /** The agent's file name (ProvisioningService); read by {@code --crash-at} and {@code --state} only. */
    private static final String JOURNAL = "journal.properties";

    private final GatewaySpec spec;
    private final Narrator narrator;
    private final Timeline timeline = new Timeline();
    private final BlockingQueue<AgentStatus> statuses = new LinkedBlockingQueue<>();
    private GatewayFramework framework;
    private GatewayServices services;
    private AgentEvents events;

    private GatewayRun(GatewaySpec spec, Narrator narrator) {
        this.spec = spec;
        this.narrator = narrator;
    }

    /** Starts the gateway's framework (all but the agent) and listens to the agent. */
    static GatewayRun start(GatewaySpec spec, List<EmbeddedBundle> bundles, Narrator narrator)
            throws GatewayException {
        GatewayRun run = new GatewayRun(spec, narrator);
        try {
            run.framework = GatewayFramework.launch(spec, bundles, START_TIMEOUT);
            run.services = GatewayServices.await(run.framework.context(), START_TIMEOUT);
            Bundle eventAdmin = run.framework.bundle(EVENT_ADMIN_BSN);
            if (eventAdmin == null) {
                throw new GatewayException("no " + EVENT_ADMIN_BSN + " bundle in the framework");
            }
            run.events = AgentEvents.listen(run.framework.context(), eventAdmin, run::onStatus);
        } catch (GatewayException | RuntimeException e) {
            run.close();
            throw e;
        }
        narrator.step(run.who(), "started: " + run.framework.describe() + ", serial " + spec.serialNumber()
                + ", MAC " + spec.macAddress());
        return run;
    }

    String who() {
        return "gateway " + spec.clientId();
    }

    GatewaySpec spec() {
        return spec;
    }

    Timeline timeline() {
        return timeline;
    }

    GatewayServices services() {
        return services;
    }

    private void onStatus(AgentStatus status) {
        timeline.mark(Summary.AGENT, status.state(), status.receivedNanos());
        narrator.step("agent " + spec.clientId(), describe(status));
        statuses.add(status);
    }

    /**
     * {@code WAITING  attempt 1 failed: PLATFORM_REJECTED (...); attempt 2 in 950 ms   [+1210 ms]}. A
     * WAITING event carries the attempt to come and the failure of the one before; the other states keep
     * the last failure too, which is told only once.
     */
    private String describe(AgentStatus status) {
        StringBuilder text = new StringBuilder(String.format("%-15s", status.state()));
        boolean waiting = status.state().equals("WAITING");
        boolean ended = status.state().equals("FAILED") || status.state().equals("MISCONFIGURED");
        if (waiting && status.hasError()) {
            text.append(" attempt ").append(status.attempt() - 1).append(" failed: ").append(status.error())
                    .append(message(status)).append(';');
        }
        if (status.attempt() > 0) {
            text.append(" attempt ").append(status.attempt());
        }
        if (ended && (status.hasError() || !status.message().isEmpty())) {
            text.append(status.attempt() > 0 ? " failed: " : " ").append(status.error()).append(message(status));
        }
        if (waiting && status.nextAttempt() > 0) {
            long in = Math.max(0, status.nextAttempt() - System.currentTimeMillis());
            text.append(" in ").append(in).append(" ms");
        }
        if (timeline.isEnabled()) {
            text.append("   [+").append(timeline.sinceEnabled(status.receivedNanos())).append(" ms]");
        }
        return text.toString().replaceAll("\\s+$", "");
    }

    private static String message(AgentStatus status) {
        return status.message().isEmpty() ? "" : " (" + status.message() + ")";
    }

    /** True when an earlier run on this data folder provisioned the gateway. */
    boolean wasProvisioned() throws GatewayException {
        return services.agentConfiguration().map(c -> Boolean.TRUE.equals(c.get("provisioned"))).orElse(false);
    }

    /** An earlier run that did not finish left the agent enabled: turn it off before the agent starts. */
    void disableLeftover() throws GatewayException {
        Optional<Map<String, Object>> earlier = services.agentConfiguration();
        if (earlier.isPresent() && Boolean.TRUE.equals(earlier.get().get("enabled"))) {
            Map<String, Object> off = new HashMap<>(earlier.get());
            off.put("enabled", Boolean.FALSE);
            services.writeAgentConfiguration(off);
            narrator.step(who(), "an earlier run left the agent enabled: disabled before starting over");
        }
    }

    void trust(String alias, List<X509Certificate> certificates, String what) throws GatewayException {
        services.trust(alias, certificates);
        narrator.step(who(), "trusts " + what + ": " + certificates.get(certificates.size() - 1)
                .getSubjectX500Principal().getName() + " (keystore SSLKeystore, alias " + alias + "-*)");
    }

    void forget(String alias, String what) throws GatewayException {
        services.forget(alias);
        narrator.step(who(), "does not trust " + what);
    }

    /**
     * Starts the agent bundle and waits (briefly) for the agent's first status: DISABLED on a fresh
     * gateway, PROVISIONED on one an earlier run provisioned. When a crash cut a run short, the agent first
     * puts it right (RECOVERING, PROTOCOL.md section 10): the status after that is the one returned. Empty
     * when none came.
     */
    Optional<AgentStatus> startAgent() throws GatewayException, InterruptedException {
        long since = System.nanoTime();
        framework.startAgent(START_TIMEOUT);
        Bundle agent = framework.bundle(GatewayFramework.AGENT_BSN);
        narrator.step(who(), "agent bundle " + agent.getSymbolicName() + " " + agent.getVersion() + " active");
        long deadline = since + FIRST_STATUS_WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            AgentStatus status = left > 0 ? statuses.poll(left, TimeUnit.NANOSECONDS) : null;
            if (status == null) {
                return Optional.empty();
            }
            if (status.receivedNanos() < since) {
                continue;
            }
            if (!status.state().equals("RECOVERING")) {
                return Optional.of(status);
            }
            deadline = System.nanoTime() + START_TIMEOUT.toNanos(); // undoing a run may uninstall applications
        }
    }

    /** Writes the agent's settings (time zero of the timeline) and follows it until it ends or {@code wait} passes. */
    Outcome enable(AgentSettings settings, Duration wait) throws GatewayException, InterruptedException {
        narrator.step(who(), "enabling the agent: " + settings.describe());
        long enabledAt = System.nanoTime();
        timeline.enabled(enabledAt);
        settings.write(services);
        return awaitEnd(wait, enabledAt);
    }

    /** Follows the agent, from events that arrive after {@code since}, until it ends or {@code wait} passes. */
    Outcome awaitEnd(Duration wait, long since) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        AgentStatus last = null;
        while (true) {
            long left = deadline - System.nanoTime();
            AgentStatus status = left > 0 ? statuses.poll(left, TimeUnit.NANOSECONDS) : null;
            if (status == null) {
                return new Outcome(Outcome.Result.TIMED_OUT, Optional.ofNullable(last));
            }
            if (status.receivedNanos() < since) {
                continue;
            }
            last = status;
            switch (status.state()) {
                case "PROVISIONED" -> {
                    return new Outcome(Outcome.Result.PROVISIONED, Optional.of(status));
                }
                case "FAILED" -> {
                    return new Outcome(Outcome.Result.FAILED, Optional.of(status));
                }
                case "MISCONFIGURED" -> {
                    return new Outcome(Outcome.Result.MISCONFIGURED, Optional.of(status));
                }
                default -> {
                    // still going
                }
            }
        }
    }

    /** The agent's journal (PROTOCOL.md section 10), in its bundle's data area; the agent must have started. */
    Path journal() throws GatewayException {
        Bundle agent = framework.bundle(GatewayFramework.AGENT_BSN);
        BundleContext context = agent == null ? null : agent.getBundleContext();
        if (context == null) {
            throw new GatewayException("the agent bundle is not started: no journal to watch");
        }
        return context.getDataFile(JOURNAL).toPath();
    }

    /** {@link GatewayState} of this gateway now. */
    List<String> state() throws GatewayException {
        return GatewayState.lines(services, framework.context().getBundles(), journal());
    }

    /** Stops listening, then the framework; idempotent. */
    @Override
    public void close() {
        if (events != null) {
            events.close();
            events = null;
        }
        if (services != null) {
            services.close();
            services = null;
        }
        if (framework != null) {
            framework.close();
            framework = null;
        }
    }

    @Override
    public String toString() {
        return who();
    }
}
