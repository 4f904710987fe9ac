package dev.kprov.sandbox.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.kprov.sandbox.cli.FailureMode;
import dev.kprov.sandbox.gateway.AgentSettings;
import dev.kprov.sandbox.gateway.AgentStatus;
import dev.kprov.sandbox.gateway.EmbeddedBundle;
import dev.kprov.sandbox.gateway.GatewaySpec;
import dev.kprov.sandbox.platform.GatewayCredentials;
import dev.kprov.sandbox.platform.SandboxPlatform;
import dev.kprov.sandbox.show.Narrator;

/**
 * One simulated gateway provisioned against the sandbox's platform, on its own thread: its framework
 * started, its request created, the platform's CAs trusted, its agent enabled and followed to the end,
 * then the platform's job followed to COMPLETED.
 */
final class GatewayJob implements Callable<GatewayResult> {

    static final String BROKER_ALIAS = "sandbox-broker-ca";
    static final String SIGNER_ALIAS = "sandbox-signer-root";
    /** Short, so that a person sees retries within seconds. */
    private static final int TIMEOUT_SECONDS = 5;
    private static final int RETRY_INTERVAL_SECONDS = 1;
    private static final int RETRY_MAX_ATTEMPTS = 3;
    private static final Duration COMPLETED_WAIT = Duration.ofSeconds(15);

    private final GatewaySpec spec;
    private final List<EmbeddedBundle> bundles;
    private final SandboxPlatform platform;
    private final Optional<FailureMode> failure;
    private final Duration wait;
    private final Narrator narrator;
    private final Cleanup cleanup;

    GatewayJob(GatewaySpec spec, List<EmbeddedBundle> bundles, SandboxPlatform platform, Optional<FailureMode> failure,
            Duration wait, Narrator narrator, Cleanup cleanup) {
        this.spec = spec;
        this.bundles = bundles;
        this.platform = platform;
        this.failure = failure;
        this.wait = wait;
        this.narrator = narrator;
        this.cleanup = cleanup;
    }

    @Override
    public GatewayResult call() throws Exception {
        GatewayRun gateway = cleanup.add(GatewayRun.start(spec, bundles, narrator));
        JobFollower job = new JobFollower(gateway.timeline());
        platform.follow(spec.clientId(), job);
        boolean earlier = gateway.wasProvisioned();
        if (!earlier) {
            gateway.disableLeftover();
        }
        long since = System.nanoTime();
        Optional<AgentStatus> first = gateway.startAgent();
        if (gateway.wasProvisioned()) {
            narrator.step(gateway.who(), (earlier ? "was PROVISIONED by an earlier run on this data folder"
                    : "was being PROVISIONED when the earlier run stopped; the agent finished that at start")
                    + ": nothing to do" + failure.map(f -> " (--fail " + f.argument() + " needs a gateway not yet"
                            + " provisioned: use another --data folder)").orElse(""));
            Outcome seen = first.isPresent() && first.get().state().equals("PROVISIONED")
                    ? new Outcome(Outcome.Result.PROVISIONED, first)
                    : gateway.awaitEnd(wait, since);
            return new GatewayResult(gateway, already(seen), false);
        }
        GatewayCredentials credentials = platform.addRequest(spec, failure, narrator);
        gateway.trust(BROKER_ALIAS, platform.brokerCa(), "the platform's broker CA");
        if (failure.orElse(null) == FailureMode.UNTRUSTED_CHAIN) {
            gateway.forget(SIGNER_ALIAS, "the platform's signer root (--fail untrusted-chain)");
        } else {
            gateway.trust(SIGNER_ALIAS, platform.signerRoot(), "the platform's signer root");
        }
        Map<String, Object> before = Rollbacks.snapshot(gateway.services());
        AgentSettings settings = AgentSettings.enabled(platform.brokerUrl()).set("account-name", platform.account())
                .set("client-id", spec.clientId()).set("username", credentials.username())
                .secret("password", Optional.of(credentials.password()))
                .secret("activation-key", credentials.activationKey()).set("ca-authentication", Boolean.TRUE)
                .set("timeout", TIMEOUT_SECONDS).set("retry-interval", RETRY_INTERVAL_SECONDS)
                .set("retry-max-attempts", RETRY_MAX_ATTEMPTS);
        Outcome outcome = gateway.enable(settings, wait);
        boolean completed = outcome.result() == Outcome.Result.PROVISIONED && job.awaitCompleted(COMPLETED_WAIT);
        if (!outcome.isProvisioned()) {
            Rollbacks.compare(before, Rollbacks.snapshot(gateway.services()), gateway.who(), narrator);
        }
        return new GatewayResult(gateway, outcome, completed);
    }

    private static Outcome already(Outcome seen) {
        return seen.result() == Outcome.Result.PROVISIONED
                ? new Outcome(Outcome.Result.ALREADY_PROVISIONED, seen.last())
                : seen;
    }
}
