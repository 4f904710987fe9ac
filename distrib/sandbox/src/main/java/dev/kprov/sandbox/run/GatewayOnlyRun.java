package dev.kprov.sandbox.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.kprov.sandbox.cli.GatewayOnlySettings;
import dev.kprov.sandbox.cli.Options;
import dev.kprov.sandbox.gateway.AgentSettings;
import dev.kprov.sandbox.gateway.AgentStatus;
import dev.kprov.sandbox.gateway.EmbeddedBundle;
import dev.kprov.sandbox.gateway.GatewayException;
import dev.kprov.sandbox.gateway.GatewaySpec;
import dev.kprov.sandbox.show.Narrator;
import dev.kprov.sandbox.show.Summary;

/**
 * {@code --gateway-only}: just the emulated gateway and its agent, with every agent setting from the
 * command line and the trust anchors from a PEM file, provisioned against whatever broker and platform
 * they name.
 */
final class GatewayOnlyRun {

    static final String TRUST_ALIAS = "sandbox-trust";
    private static final int MAX_TRUST_BYTES = 64 * 1024;

    private final Options options;
    private final GatewayOnlySettings settings;
    private final DataFolder data;
    private final Narrator narrator;
    private final Cleanup cleanup;

    GatewayOnlyRun(Options options, DataFolder data, Narrator narrator, Cleanup cleanup) {
        this.options = options;
        this.settings = options.gatewayOnly().orElseThrow();
        this.data = data;
        this.narrator = narrator;
        this.cleanup = cleanup;
    }

    /** @return the exit status (ExitStatus) */
    int run() throws InterruptedException {
        GatewaySpec spec = GatewaySpec.numbered(1, data.gateways()).withSerialNumber(settings.serialNumber());
        if (settings.clientId().isPresent()) {
            spec = spec.withClientId(settings.clientId().get());
        }
        GatewayRun gateway;
        try {
            List<X509Certificate> trust = settings.trust().isPresent() ? certificates(settings.trust().get())
                    : List.of();
            gateway = cleanup.add(GatewayRun.start(spec, EmbeddedBundle.all(), narrator));
            boolean earlier = gateway.wasProvisioned();
            if (!earlier) {
                gateway.disableLeftover();
            }
            Optional<AgentStatus> first = gateway.startAgent();
            int status = gateway.wasProvisioned() ? alreadyProvisioned(gateway, earlier, first)
                    : provision(gateway, trust);
            writeState(gateway, "after.txt");
            return status;
        } catch (GatewayException e) {
            narrator.say("kprov-sandbox: " + e.getMessage());
            return ExitStatus.CANNOT_START;
        }
    }

    private int alreadyProvisioned(GatewayRun gateway, boolean earlier, Optional<AgentStatus> first)
            throws GatewayException, InterruptedException {
        narrator.step(gateway.who(), earlier ? "was PROVISIONED by an earlier run on this data folder: nothing to do"
                : "was being PROVISIONED when the earlier run stopped; the agent finished that at start");
        long since = System.nanoTime();
        writeState(gateway, "before.txt");
        boolean provisioned = first.isPresent() && first.get().state().equals("PROVISIONED")
                || gateway.awaitEnd(options.waitFor(), since).isProvisioned();
        narrator.say(provisioned ? "Done: gateway PROVISIONED (by an earlier run on " + data.root() + ")."
                : "Not provisioned: the agent did not confirm PROVISIONED; the log is " + data.log() + ".");
        return provisioned ? ExitStatus.PROVISIONED : ExitStatus.NOT_PROVISIONED;
    }

    private int provision(GatewayRun gateway, List<X509Certificate> trust)
            throws GatewayException, InterruptedException {
        if (!trust.isEmpty()) {
            gateway.trust(TRUST_ALIAS, trust, settings.trust().get().toString());
        }
        writeState(gateway, "before.txt");
        if (settings.crashAt().isPresent()) {
            try {
                cleanup.add(CrashHook.arm(gateway.journal(), settings.crashAt().get(), narrator));
            } catch (IOException e) {
                throw new GatewayException("--crash-at: cannot watch the agent's journal: " + e.getMessage(), e);
            }
            narrator.step(gateway.who(), "will be killed once the agent's journal shows "
                    + settings.crashAt().get().option());
        }
        Outcome outcome = gateway.enable(agentSettings(), options.waitFor());
        narrator.say("");
        Summary.lines(gateway.spec().clientId(), gateway.timeline()).forEach(narrator::say);
        if (outcome.isProvisioned()) {
            narrator.say("Done: gateway PROVISIONED against " + settings.brokerUrl() + ".");
            return ExitStatus.PROVISIONED;
        }
        narrator.say("Not provisioned: " + outcome.describe() + ". The log is " + data.log() + ".");
        return ExitStatus.NOT_PROVISIONED;
    }

    /** {@code --state}: the gateway's state into the given file of the state folder. */
    private void writeState(GatewayRun gateway, String name) throws GatewayException {
        if (settings.stateDir().isEmpty()) {
            return;
        }
        Path file = settings.stateDir().get().resolve(name);
        try {
            GatewayState.write(file, gateway.state());
        } catch (IOException e) {
            throw new GatewayException("--state: cannot write " + file + ": " + e.getMessage(), e);
        }
        narrator.step(gateway.who(), "state written to " + file);
    }

    private AgentSettings agentSettings() {
        return AgentSettings.enabled(settings.brokerUrl()).set("account-name", settings.accountName())
                .set("client-id", settings.clientId()).set("username", settings.username())
                .secret("password", settings.password()).secret("activation-key", settings.activationKey())
                .set("ca-authentication", settings.caAuthentication()).set("timeout", settings.timeoutSeconds())
                .set("retry-interval", settings.retryIntervalSeconds())
                .set("retry-max-attempts", settings.retryMaxAttempts());
    }

    private static List<X509Certificate> certificates(Path pem) throws GatewayException {
        try (InputStream in = Files.newInputStream(pem)) {
            byte[] bytes = in.readNBytes(MAX_TRUST_BYTES + 1);
            if (bytes.length > MAX_TRUST_BYTES) {
                throw new GatewayException("--trust " + pem + ": larger than " + MAX_TRUST_BYTES + " bytes");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new GatewayException("--trust " + pem + ": no certificate in it");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new GatewayException("--trust " + pem + ": not PEM certificates (" + e.getMessage() + ")", e);
        }
    }
}
