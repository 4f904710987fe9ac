package dev.kprov.bench;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import dev.kprov.sandbox.gateway.AgentEvents;
import dev.kprov.sandbox.gateway.AgentSettings;
import dev.kprov.sandbox.gateway.AgentStatus;
import dev.kprov.sandbox.gateway.EmbeddedBundle;
import dev.kprov.sandbox.gateway.GatewayFramework;
import dev.kprov.sandbox.gateway.GatewayServices;
import dev.kprov.sandbox.gateway.GatewaySpec;
import dev.kprov.sandbox.platform.GatewayCredentials;
import dev.kprov.sandbox.platform.SandboxPlatform;
import dev.kprov.sandbox.show.Narrator;

/**
 * The sandbox's emulated gateway (a real OSGi framework with the Kura emulator and the agent bundle),
 * provisioned again and again against one platform: each run is a new provision request and the agent's
 * settings written anew, as {@code kprov:reprovision} then a person would, then {@code kprov:retry} so that
 * the attempt starts at once instead of after the first-attempt jitter.
 */
final class AgentGateway implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final List<String> PHASES = List.of("CONNECTING", "REQUESTING", "AWAITING_REPLY", "VERIFYING",
            "APPLYING", "PROVISIONED");

    private final GatewaySpec spec;
    private final SandboxPlatform platform;
    private final Narrator narrator;
    private final GatewayFramework framework;
    private final GatewayServices services;
    private final AgentEvents events;
    private final BlockingQueue<AgentStatus> statuses = new LinkedBlockingQueue<>();
    private int runs;

    private AgentGateway(GatewaySpec spec, SandboxPlatform platform, Narrator narrator) throws Exception {
        this.spec = spec;
        this.platform = platform;
        this.narrator = narrator;
        this.framework = GatewayFramework.launch(spec, EmbeddedBundle.all(), TIMEOUT);
        this.services = GatewayServices.await(framework.context(), TIMEOUT);
        this.events = AgentEvents.listen(framework.context(), framework.bundle("org.apache.felix.eventadmin"),
                statuses::add);
        services.trust("bench-broker-ca", platform.brokerCa());
        services.trust("bench-signer-root", platform.signerRoot());
        framework.startAgent(TIMEOUT);
    }

    static AgentGateway start(Path gateways, SandboxPlatform platform, Narrator narrator) throws Exception {
        return new AgentGateway(GatewaySpec.numbered(1, gateways), platform, narrator);
    }

    /**
     * One provisioning run; returns the time at which each phase began, in ms from CONNECTING (the
     * agent's status events as received, in order), PROVISIONED last.
     */
    Map<String, Double> provisionOnce() throws Exception {
        // A client id of its own for each run: the reference platform's one broker is also the account
        // broker, where the gateway is still connected under the last run's id; one id for both would have
        // the broker drop one connection for the other, again and again.
        GatewaySpec run = spec.withClientId(spec.clientId() + "-" + (++runs));
        GatewayCredentials credentials = platform.addRequest(run, Optional.empty(), narrator);
        statuses.clear();
        long written = System.nanoTime();
        AgentSettings.enabled(platform.brokerUrl()).set("account-name", platform.account())
                .set("client-id", run.clientId()).set("username", credentials.username())
                .secret("password", Optional.of(credentials.password()))
                .secret("activation-key", credentials.activationKey()).set("timeout", 10)
                .set("retry-interval", 5).set("retry-max-attempts", 1).write(services);
        await("WAITING", written);
        retry();
        Map<String, Double> began = new LinkedHashMap<>();
        long connecting = await("CONNECTING", written).receivedNanos();
        began.put("CONNECTING", 0.0);
        for (String phase : PHASES.subList(1, PHASES.size())) {
            began.put(phase, (await(phase, written).receivedNanos() - connecting) / 1e6);
        }
        return began;
    }

    /** Stops the agent bundle (its component deactivates, its threads end). */
    void stopAgent() throws Exception {
        framework.bundle(GatewayFramework.AGENT_BSN).stop();
    }

    /** Starts the agent bundle; returns the time from start() to its first status, in ms. */
    double startAgent(String expected) throws Exception {
        statuses.clear();
        long start = System.nanoTime();
        framework.bundle(GatewayFramework.AGENT_BSN).start();
        return (await(expected, start).receivedNanos() - start) / 1e6;
    }

    /** Enables the agent towards a broker nobody listens on, with the longest first-attempt wait. */
    void enableTowardsNowhere(String brokerUrl) throws Exception {
        statuses.clear();
        long written = System.nanoTime();
        AgentSettings.enabled(brokerUrl).set("client-id", spec.clientId()).set("retry-interval", 86_400)
                .write(services);
        await("WAITING", written);
    }

    private AgentStatus await(String state, long since) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            AgentStatus status = statuses.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (status == null) {
                throw new IllegalStateException("no " + state + " from the agent within " + TIMEOUT);
            }
            if (status.receivedNanos() < since) {
                continue;
            }
            if (status.state().equals(state)) {
                return status;
            }
            if (status.isFinal() || status.state().equals("MISCONFIGURED")) {
                throw new IllegalStateException("the agent ended " + status.state() + " (" + status.error() + ": "
                        + status.message() + ") while " + state + " was awaited");
            }
        }
    }

    /** {@code kprov:retry}, as Gogo calls it: the agent's command service, found by its scope. */
    private void retry() throws Exception {
        BundleContext context = framework.context();
        ServiceReference<?>[] found = context.getServiceReferences((String) null, "(osgi.command.scope=kprov)");
        if (found == null || found.length != 1) {
            throw new IllegalStateException("no kprov shell commands: " + Arrays.toString(found));
        }
        Object commands = context.getService(found[0]);
        try {
            Method retry = commands.getClass().getMethod("retry");
            retry.invoke(commands);
        } finally {
            context.ungetService(found[0]);
        }
    }

    @Override
    public void close() {
        events.close();
        services.close();
        framework.close();
    }
}
