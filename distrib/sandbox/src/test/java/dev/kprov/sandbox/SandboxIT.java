package dev.kprov.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.kprov.sandbox.SandboxProcess.Run;

/**
 * The sandbox as a person runs it ({@link SandboxProcess}): end to end, again on the same data folder, and
 * with each failure it can inject.
 */
class SandboxIT {

    private static Run sandbox(String name, boolean fresh, String... args) throws Exception {
        Path data = SandboxProcess.itDir().resolve(name);
        if (fresh) {
            SandboxProcess.deleteTree(data);
        }
        return SandboxProcess.run(data, SandboxProcess.itDir().resolve(name + (fresh ? "" : "-again") + "-output.log"),
                List.of(args));
    }

    @Test
    void oneCommandProvisionsAGatewayEndToEndAndASecondRunFindsItProvisioned() throws Exception {
        Run first = sandbox("end-to-end", true);

        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().matches("(?s).*agent 00E0C7A1B2C3 +PROVISIONED.*"), first.output());
        assertTrue(first.output().contains("job 00E0C7A1B2C3 COMPLETED"), first.output());
        assertTrue(first.output().contains("00E0C7A1B2C3: PROVISIONED"), "the summary with the times: " + first.output());
        assertTrue(first.output().contains("password <set>, activation key <set>"), first.output());
        SandboxProcess.assertNoSecret(first);

        Run second = sandbox("end-to-end", false);

        assertEquals(0, second.exit(), second.output());
        assertTrue(second.output().contains("was PROVISIONED by an earlier run"), second.output());
        assertTrue(second.output().matches("(?s).*agent 00E0C7A1B2C3 +PROVISIONED.*"), second.output());
        assertFalse(second.output().contains("CONNECTING"), "a provisioned gateway does not provision again");
        SandboxProcess.assertNoSecret(second);
    }

    @Test
    void aWrongActivationKeyIsRefusedWith403UntilTheAgentGivesUp() throws Exception {
        Run run = sandbox("wrong-activation-key", true, "--fail", "wrong-activation-key");

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("PLATFORM_REJECTED (the platform answered 403"), run.output());
        assertTrue(run.output().contains("job 00E0C7A1B2C3 FAILED 403"), run.output());
        assertTrue(run.output().matches("(?s).*agent 00E0C7A1B2C3 +FAILED +attempt 3.*"), run.output());
        assertFalse(run.output().matches("(?s).*agent 00E0C7A1B2C3 +PROVISIONED.*"), run.output());
        assertTrue(run.output().contains("the gateway is as before"), run.output());
        SandboxProcess.assertNoSecret(run);
    }

    @Test
    void aGatewayThatDoesNotTrustTheSignerRefusesEveryPackageAndStaysAsItWas() throws Exception {
        Run run = sandbox("untrusted-chain", true, "--fail", "untrusted-chain");

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("UNTRUSTED_CHAIN (the signer's chain does not validate"), run.output());
        assertTrue(run.output().matches("(?s).*agent 00E0C7A1B2C3 +FAILED +attempt 3 failed: UNTRUSTED_CHAIN.*"),
                run.output());
        assertFalse(run.output().matches("(?s).*agent 00E0C7A1B2C3 +APPLYING.*"), "nothing unverified is applied");
        assertTrue(run.output().contains("the gateway is as before: MqttDataTransport broker-url mqtt://broker-url:1883/"),
                run.output());
        SandboxProcess.assertNoSecret(run);
    }

    @Test
    void anUnreachableAccountBrokerRollsEachRunBackAndLeavesTheGatewayAsItWas() throws Exception {
        Run run = sandbox("unreachable-account-broker", true, "--fail", "unreachable-account-broker");

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().matches("(?s).*agent 00E0C7A1B2C3 +APPLYING.*"), "the package is applied first");
        assertTrue(run.output().matches(
                "(?s).*agent 00E0C7A1B2C3 +FAILED +attempt 3 failed: ACCOUNT_CONNECT_FAILED.*"), run.output());
        assertTrue(run.output().contains("the gateway is as before: MqttDataTransport broker-url mqtt://broker-url:1883/"),
                "the delivered broker was rolled back:\n" + run.output());
        SandboxProcess.assertNoSecret(run);
    }

    @Test
    void severalGatewaysAreProvisionedAtOnceAgainstOnePlatform() throws Exception {
        Run run = sandbox("three-gateways", true, "--gateways", "3");

        assertEquals(0, run.exit(), run.output());
        for (String gateway : List.of("00E0C7A1B2C3", "00E0C7A1B2C4", "00E0C7A1B2C5")) {
            assertTrue(run.output().matches("(?s).*agent " + gateway + " +PROVISIONED.*"), gateway + ":\n" + run.output());
            assertTrue(run.output().contains("job " + gateway + " COMPLETED"), gateway + ":\n" + run.output());
        }
        assertTrue(run.output().contains("All 3 gateways PROVISIONED"), run.output());
        SandboxProcess.assertNoSecret(run);
    }
}
