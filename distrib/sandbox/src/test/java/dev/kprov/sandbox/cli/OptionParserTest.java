package dev.kprov.sandbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionParserTest {

    @TempDir
    Path dir;

    private static Options parse(String... args) throws OptionParser.UsageException {
        return OptionParser.parse(List.of(args)).orElseThrow();
    }

    @Test
    void noArgumentsIsOneGatewayInATemporaryFolderWithinAMinute() throws Exception {
        Options options = parse();

        assertEquals(1, options.gateways());
        assertEquals(Optional.empty(), options.data());
        assertEquals(Optional.empty(), options.fail());
        assertEquals(Duration.ofSeconds(60), options.waitFor());
        assertFalse(options.isGatewayOnly());
    }

    @Test
    void helpAsksForTheUsageText() throws Exception {
        assertEquals(Optional.empty(), OptionParser.parse(List.of("--gateways", "2", "--help")));
        assertTrue(Usage.TEXT.contains("--fail WHAT") && Usage.TEXT.contains("--gateway-only"));
    }

    @Test
    void eachFailureIsNamedAsItsDocumented() throws Exception {
        for (FailureMode mode : FailureMode.values()) {
            assertEquals(Optional.of(mode), parse("--fail", mode.argument()).fail());
            assertTrue(Usage.TEXT.contains(mode.argument()), mode.argument());
        }
    }

    @Test
    void wrongArgumentsAreNamedInTheMessage() {
        assertMessage("--gateways must be between 1 and 20 (is 0)", "--gateways", "0");
        assertMessage("--fail slow-broker: unknown, choose wrong-activation-key|untrusted-chain|unreachable-account-broker",
                "--fail", "slow-broker");
        assertMessage("--wait abc: not a whole number", "--wait", "abc");
        assertMessage("unknown option '--gateway'", "--gateway", "2");
        assertMessage("--data needs a value", "--data");
        assertMessage("--broker-url is a setting of --gateway-only", "--broker-url", "mqtts://x:8883");
        assertMessage("--fail does not go with --gateway-only", "--gateway-only", "--fail", "untrusted-chain");
        assertMessage("--gateway-only needs --broker-url", "--gateway-only");
        assertMessage("--ca-authentication yes: must be true or false", "--gateway-only", "--broker-url", "mqtts://x:1",
                "--ca-authentication", "yes");
    }

    private static void assertMessage(String expected, String... args) {
        OptionParser.UsageException e = assertThrows(OptionParser.UsageException.class, () -> parse(args));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void gatewayOnlyTakesTheAgentsSettingsAndKeepsSecretsOutOfItsText() throws Exception {
        Path passwordFile = dir.resolve("password");
        Files.write(passwordFile, "pw-from-file-S3CR3T\nsecond line\n".getBytes(StandardCharsets.UTF_8));
        Path trust = dir.resolve("trust.pem");
        Files.write(trust, new byte[] { 1 });

        Options options = parse("--gateway-only", "--broker-url", "mqtts://broker.example.com:8883", "--client-id",
                "gw-7", "--password-file", passwordFile.toString(), "--activation-key", "AK-S3CR3T",
                "--ca-authentication", "false", "--retry-max-attempts", "-1", "--trust", trust.toString());

        GatewayOnlySettings settings = options.gatewayOnly().orElseThrow();
        assertEquals("mqtts://broker.example.com:8883", settings.brokerUrl());
        assertEquals(Optional.of("gw-7"), settings.clientId());
        assertEquals("pw-from-file-S3CR3T", settings.password().orElseThrow().reveal());
        assertEquals("AK-S3CR3T", settings.activationKey().orElseThrow().reveal());
        assertFalse(settings.caAuthentication());
        assertEquals(-1, settings.retryMaxAttempts());
        assertEquals(GatewayOnlySettings.DEFAULT_TIMEOUT, settings.timeoutSeconds());
        assertFalse(options.toString().contains("S3CR3T"), options.toString());
        assertTrue(options.toString().contains("<set>"), options.toString());
    }

    @Test
    void aSecretFileThatIsTooLargeOrMissingIsRefusedWithoutItsContent() throws Exception {
        Path big = dir.resolve("big");
        Files.write(big, new byte[5000]);
        OptionParser.UsageException e = assertThrows(OptionParser.UsageException.class,
                () -> parse("--gateway-only", "--broker-url", "mqtts://x:1", "--password-file", big.toString()));
        assertTrue(e.getMessage().endsWith("larger than 4096 bytes"), e.getMessage());
        e = assertThrows(OptionParser.UsageException.class, () -> parse("--gateway-only", "--broker-url", "mqtts://x:1",
                "--trust", dir.resolve("missing.pem").toString()));
        assertTrue(e.getMessage().endsWith("no such readable file"), e.getMessage());
    }

    @Test
    void aCrashPointAndAStateFolderAreGatewayOnlySettings() throws Exception {
        for (CrashPoint point : CrashPoint.values()) {
            Options options = parse("--gateway-only", "--broker-url", "mqtts://127.0.0.1:8883", "--crash-at",
                    point.option(), "--state", dir.toString());
            assertEquals(Optional.of(point), options.gatewayOnly().orElseThrow().crashAt());
            assertEquals(Optional.of(dir), options.gatewayOnly().orElseThrow().stateDir());
            assertTrue(Usage.TEXT.contains(point.option()), point.option());
        }
        OptionParser.UsageException unknown = assertThrows(OptionParser.UsageException.class,
                () -> parse("--gateway-only", "--broker-url", "mqtts://127.0.0.1:8883", "--crash-at", "step-99"));
        assertTrue(unknown.getMessage().contains("--crash-at step-99: unknown, choose snapshot-taken"),
                unknown.getMessage());
        assertThrows(OptionParser.UsageException.class, () -> parse("--crash-at", "snapshot-taken"),
                "not without --gateway-only");
    }
}
