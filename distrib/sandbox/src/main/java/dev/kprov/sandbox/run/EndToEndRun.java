package dev.kprov.sandbox.run;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.kprov.platform.PlatformException;
import dev.kprov.sandbox.cli.FailureMode;
import dev.kprov.sandbox.cli.Options;
import dev.kprov.sandbox.gateway.EmbeddedBundle;
import dev.kprov.sandbox.gateway.GatewayException;
import dev.kprov.sandbox.gateway.GatewaySpec;
import dev.kprov.sandbox.platform.SandboxPlatform;
import dev.kprov.sandbox.show.Narrator;
import dev.kprov.sandbox.show.Summary;

/**
 * The sandbox's main mode: the platform and {@code --gateways} simulated gateways in this process, each
 * gateway in its own framework and on its own thread, all provisioned at the same time; then a summary
 * with the time of each step, and everything stopped.
 */
final class EndToEndRun {

    private final Options options;
    private final DataFolder data;
    private final Narrator narrator;
    private final Cleanup cleanup;

    EndToEndRun(Options options, DataFolder data, Narrator narrator, Cleanup cleanup) {
        this.options = options;
        this.data = data;
        this.narrator = narrator;
        this.cleanup = cleanup;
    }

    /** @return the exit status (ExitStatus) */
    int run() throws InterruptedException {
        options.fail().ifPresent(f -> narrator.say("--fail " + f.argument() + ": " + f.description() + "."));
        List<EmbeddedBundle> bundles;
        SandboxPlatform platform;
        try {
            bundles = EmbeddedBundle.all();
            boolean keysKept = Files.exists(data.platformState().resolve("signer-chain.pem"));
            platform = cleanup.add(SandboxPlatform.start(data.platformState(), data.configurations(), narrator));
            narrator.step("platform", "started: broker " + platform.brokerUrl() + " (TLS), provision account "
                    + platform.account() + ", keys " + (keysKept ? "kept from an earlier run" : "generated")
                    + " in " + data.platformState());
        } catch (GatewayException | PlatformException e) {
            narrator.say("kprov-sandbox: cannot start: " + e.getMessage());
            return ExitStatus.CANNOT_START;
        }
        List<GatewayResult> results = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(options.gateways(), runnable -> {
            Thread thread = new Thread(runnable, "kprov-sandbox-gateway");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<GatewayResult>> futures = new ArrayList<>();
            for (int i = 1; i <= options.gateways(); i++) {
                futures.add(threads.submit(new GatewayJob(GatewaySpec.numbered(i, data.gateways()), bundles, platform,
                        options.fail(), options.waitFor(), narrator, cleanup)));
            }
            for (Future<GatewayResult> future : futures) {
                results.add(future.get());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            narrator.say("kprov-sandbox: a gateway could not run: " + (cause instanceof GatewayException
                    ? cause.getMessage() : cause.toString()));
            return ExitStatus.CANNOT_START;
        } finally {
            threads.shutdownNow();
        }
        return summarize(results);
    }

    private int summarize(List<GatewayResult> results) {
        narrator.say("");
        narrator.say("Summary (times from enabling the agent):");
        long slowest = 0;
        boolean all = true;
        for (GatewayResult result : results) {
            String clientId = result.gateway().spec().clientId();
            if (result.outcome().result() == Outcome.Result.ALREADY_PROVISIONED) {
                narrator.say(clientId + ": PROVISIONED by an earlier run on " + data.root() + "; its agent stays so");
                continue;
            }
            Summary.lines(clientId, result.gateway().timeline()).forEach(narrator::say);
            if (!result.outcome().isProvisioned()) {
                narrator.say("  ended " + result.outcome().describe());
            } else if (!result.jobCompleted()) {
                narrator.say("  but the platform did not see the job COMPLETED");
            }
            all &= result.succeeded();
            slowest = Math.max(slowest, result.gateway().timeline().first(Summary.AGENT, "PROVISIONED")
                    .map(m -> m.atMillis()).orElse(0L));
        }
        if (all) {
            if (results.size() > 1) {
                narrator.say("All " + results.size() + " gateways PROVISIONED; the slowest " + slowest
                        + " ms after enabling its agent.");
            }
            boolean worked = results.stream().anyMatch(r -> r.outcome().result() == Outcome.Result.PROVISIONED);
            narrator.say("Done: " + (results.size() == 1 ? "gateway" : "every gateway") + " PROVISIONED"
                    + (worked ? ", job COMPLETED" : "") + (data.isTemporary() ? "" : "; state kept in " + data.root())
                    + ".");
            return ExitStatus.PROVISIONED;
        }
        options.fail().ifPresentOrElse(this::explain, () -> narrator.say(
                "Not provisioned: see the agent's last error above and the log " + data.log() + "."));
        return ExitStatus.NOT_PROVISIONED;
    }

    private void explain(FailureMode failure) {
        narrator.say("");
        narrator.say("What was shown (--fail " + failure.argument() + "): " + failure.description() + ".");
        narrator.say(switch (failure) {
            case WRONG_ACTIVATION_KEY -> "Each attempt was answered PLATFORM_REJECTED 403 and counted by the platform"
                    + " (job FAILED); the agent stopped after retry-max-attempts and changed nothing on the gateway.";
            case UNTRUSTED_CHAIN -> "Each package was refused at VERIFYING (UNTRUSTED_CHAIN) before anything was"
                    + " applied; putting the signer root in the gateway's keystore fixes it.";
            case UNREACHABLE_ACCOUNT_BROKER -> "Each package was applied, the account broker did not answer"
                    + " (ACCOUNT_CONNECT_FAILED), and the gateway was rolled back each time (compared above).";
        });
        narrator.say("Exit status 1: the gateway is not provisioned, as intended.");
    }
}
