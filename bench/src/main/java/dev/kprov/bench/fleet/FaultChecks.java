package dev.kprov.bench.fleet;

import java.nio.file.Files;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.kura.configuration.Password;

import dev.kprov.agent.fsm.ErrorCategory;
import dev.kprov.agent.fsm.State;

/**
 * What {@code faults} checks of each gateway once the run is over: it ended PROVISIONED and stayed so; its
 * Kura services hold exactly what the package brings (configuration, certificates) and the agent's own
 * settings say enabled = false, provisioned = true, with no journal left; and its attempts kept to the retry
 * policy of PROTOCOL.md section 9: no more than retry-max-attempts, each numbered one more than the last,
 * each retry at least retry-interval - 20 % after the failure it follows, and no attempt earlier than the
 * wait the agent drew for it (measured from the draw: see {@link FaultDevice#jitter}).
 */
final class FaultChecks {

    /** What was found for one gateway. */
    record Verdict(String clientId, State last, int attempts, Map<ErrorCategory, Integer> failures,
            double enabledToProvisionedMs, double minRetryGapMs, List<String> problems) {

        boolean ok() {
            return problems.isEmpty();
        }
    }

    private final int retryIntervalSeconds;
    private final int maxAttempts;
    private final List<X509Certificate> signerChain;

    FaultChecks(int retryIntervalSeconds, int maxAttempts, List<X509Certificate> signerChain) {
        this.retryIntervalSeconds = retryIntervalSeconds;
        this.maxAttempts = maxAttempts;
        this.signerChain = signerChain;
    }

    Verdict check(FaultDevice device, long enabledAt) {
        List<String> problems = new ArrayList<>(device.problems());
        List<FaultDevice.Seen> seen = device.seen();
        List<FaultDevice.Draw> draws = device.draws();
        Map<ErrorCategory, Integer> failures = new EnumMap<>(ErrorCategory.class);
        long minGap = Long.MAX_VALUE;
        int attempts = 0;
        long previousStart = enabledAt;
        long provisionedAt = 0;
        State last = seen.isEmpty() ? null : seen.get(seen.size() - 1).state();
        for (FaultDevice.Seen status : seen) {
            if (provisionedAt != 0) {
                problems.add("reported " + status.state() + " after PROVISIONED");
            }
            switch (status.state()) {
            case CONNECTING -> {
                if (status.attempt() != attempts + 1) {
                    problems.add("attempt " + status.attempt() + " followed attempt " + attempts);
                }
                attempts = status.attempt();
                if (attempts > draws.size() || draws.get(attempts - 1).at() < previousStart
                        || draws.get(attempts - 1).at() > status.at()) {
                    problems.add("attempt " + attempts + " started without a wait drawn for it");
                } else {
                    FaultDevice.Draw draw = draws.get(attempts - 1);
                    long gap = status.at() - draw.at();
                    long chosenMs = attempts == 1
                            ? (long) (draw.value() * (Math.min(retryIntervalSeconds * 1000L, 10_000L) + 1))
                            : Math.round(retryIntervalSeconds * 1000L * (0.8 + 0.4 * draw.value()));
                    if (gap < (chosenMs - 1) * 1_000_000L) {
                        problems.add(String.format("attempt %d started %.1f ms after its wait was drawn, before the "
                                + "%d ms drawn", attempts, gap / 1e6, chosenMs));
                    }
                    if (attempts > 1) {
                        minGap = Math.min(minGap, gap);
                        if (gap < (retryIntervalSeconds * 800L - 1) * 1_000_000L) {
                            problems.add(String.format("attempt %d started %.1f ms after the failure before it "
                                    + "(retry-interval - 20 %% = %d ms)", attempts, gap / 1e6, retryIntervalSeconds * 800));
                        }
                    }
                }
                previousStart = status.at();
            }
            case WAITING -> {
                if (status.error() != null) {
                    failures.merge(status.error(), 1, Integer::sum);
                }
            }
            case FAILED -> {
                failures.merge(status.error() == null ? ErrorCategory.CONFIG_INVALID : status.error(), 1, Integer::sum);
                problems.add("FAILED: " + status.error() + ": " + status.message());
            }
            case PROVISIONED -> provisionedAt = status.at();
            default -> {
            }
            }
        }
        if (maxAttempts != -1 && attempts > maxAttempts) {
            problems.add(attempts + " attempts, more than retry-max-attempts " + maxAttempts);
        }
        if (last == State.PROVISIONED) {
            checkGateway(device, problems);
        } else if (last != State.FAILED) { // a FAILED end is told above, with its error
            FaultDevice.Seen end = seen.isEmpty() ? null : seen.get(seen.size() - 1);
            problems.add("ended " + (end == null ? "without any report" : end.state() + " (attempt " + end.attempt()
                    + (end.error() == null ? "" : ", last error " + end.error() + ": " + end.message()) + ")"));
        }
        return new Verdict(device.clientId, last, attempts, failures,
                provisionedAt == 0 ? Double.NaN : (provisionedAt - enabledAt) / 1e6,
                minGap == Long.MAX_VALUE ? Double.NaN : minGap / 1e6, problems);
    }

    /** The provisioned state, exactly. */
    private void checkGateway(FaultDevice device, List<String> problems) {
        Map<String, Map<String, Object>> configurations = device.gateway.configurations();
        if (!configurations.keySet().equals(device.expected.keySet())) {
            problems.add("configurations " + configurations.keySet() + ", expected " + device.expected.keySet());
        }
        device.expected.forEach((pid, properties) -> {
            Map<String, Object> actual = configurations.getOrDefault(pid, Map.of());
            if (!actual.keySet().equals(properties.keySet())) {
                problems.add(pid + " has " + actual.keySet() + ", expected " + properties.keySet());
            }
            properties.forEach((name, value) -> {
                if (!same(value, actual.get(name))) {
                    problems.add(pid + " " + name + " is not what the package brings"
                            + (value instanceof Password ? "" : ": " + actual.get(name) + ", expected " + value));
                }
            });
        });
        Map<String, Certificate> truststore = device.gateway.truststore();
        if (!new HashSet<>(truststore.values()).equals(new HashSet<>(signerChain))) {
            problems.add("truststore holds " + truststore.size() + " certificates, not the package's " + signerChain.size());
        }
        Map<String, Object> own = device.gateway.ownSettings();
        if (!Boolean.FALSE.equals(own.get("enabled")) || !Boolean.TRUE.equals(own.get("provisioned"))) {
            problems.add("the agent's own settings are " + own + ", expected enabled=false, provisioned=true");
        }
        if (device.gateway.markedProvisioned() != 1) {
            problems.add("marked provisioned " + device.gateway.markedProvisioned() + " times");
        }
        if (Files.exists(device.journal)) {
            problems.add("the journal is still there");
        }
    }

    private static boolean same(Object expected, Object actual) {
        if (expected instanceof Password password) {
            return actual instanceof Password other && Arrays.equals(password.getPassword(), other.getPassword());
        }
        return Objects.equals(expected, actual);
    }
}
