package dev.kprov.bench.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code faults} at small scale, so that it keeps working: 20 gateways, half of their connections cut, the
 * broker restarted once while they provision. Asserts outcomes, never a time (STYLE.md 13).
 *
 * <p>With half of the connections cut, a gateway fails about one attempt in two, so retry-max-attempts is
 * set high (30): at 10, a gateway now and then used them all up and ended FAILED, as its policy says it
 * must (once in CI, once in eight runs on a loaded machine). The broker's downtime costs at most three
 * attempts; 27 cuts in a row have a chance below 10^-8 per gateway.
 */
class FaultsTest {

    @Test
    @Timeout(120)
    void everyGatewayEndsProvisionedExactlyWithinItsRetryPolicyThroughARestartAndCuts(@TempDir Path out)
            throws Exception {
        FaultsOptions options = new FaultsOptions(20, 7, 0.5, 1000, List.of(1), 1, 2, 30, 5, 90);

        Faults.Outcome outcome = Faults.run(out, options);

        assertTrue(outcome.passed(), () -> "every check held: " + outcome.runProblems() + " "
                + outcome.verdicts().stream().filter(verdict -> !verdict.ok())
                        .map(verdict -> verdict.clientId() + ": " + verdict.problems()).toList());
        assertEquals(20, outcome.verdicts().stream().filter(FaultChecks.Verdict::ok).count());
        assertEquals(1, outcome.restartsDone(), "the broker was stopped and started again once");
        assertTrue(outcome.cuts() > 0, "some connections were cut: " + outcome.gate());
        assertTrue(outcome.verdicts().stream().anyMatch(verdict -> verdict.attempts() > 1),
                "some gateways had to retry");
        assertTrue(Files.exists(out.resolve("faults-seed7-gateways.csv")));
    }
}
