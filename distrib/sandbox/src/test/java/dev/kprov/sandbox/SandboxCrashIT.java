package dev.kprov.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.kprov.sandbox.SandboxProcess.Run;
import dev.kprov.sandbox.cli.CrashPoint;
import dev.kprov.sandbox.gateway.GatewaySpec;
import dev.kprov.sandbox.platform.GatewayCredentials;
import dev.kprov.sandbox.platform.SandboxPlatform;
import dev.kprov.sandbox.secret.Secret;
import dev.kprov.sandbox.show.Narrator;

/**
 * A power cut at each point of the apply run (PROTOCOL.md section 10), with real processes: the gateway
 * ({@code --gateway-only}) runs in a JVM of its own against the platform of this test, and
 * {@code --crash-at} kills that JVM with SIGKILL once the agent's journal shows the point. The gateway is
 * then started again on the same data folder. It must end provisioned, in the state of a gateway that
 * never crashed, or, when the platform had already seen it on its account broker and refuses the used
 * request (409), exactly as it was before the cut run, property by property; then provisioned once the
 * operator issues a new request.
 */
class SandboxCrashIT {

    private static final String AGENT_PID = "dev.kprov.agent.ProvisioningService";
    private static final Pattern CIPHER_TEXT = Pattern.compile("^(configuration \\S+ (password|activation-key))=.*$");

    private static Path root;
    private static SandboxPlatform platform;
    private static Path trust;
    private static GatewaySpec gateway;
    private static Narrator narrator;
    private static List<String> neverCrashed;

    @BeforeAll
    static void startPlatformAndProvisionAReferenceGateway() throws Exception {
        System.setProperty(Secret.MARKER_PROPERTY, SandboxProcess.MARKER);
        root = SandboxProcess.itDir().resolve("crash");
        SandboxProcess.deleteTree(root);
        Files.createDirectories(root);
        narrator = new Narrator(System.out, System.nanoTime());
        platform = SandboxPlatform.start(root.resolve("platform"), root.resolve("platform-configurations"), narrator);
        List<X509Certificate> anchors = new ArrayList<>(platform.brokerCa());
        anchors.addAll(platform.signerRoot());
        trust = root.resolve("trust.pem");
        Files.writeString(trust, pem(anchors));
        gateway = GatewaySpec.numbered(1, root.resolve("unused"));

        Run reference = gatewayOnly("never-crashed", "never-crashed", request());

        assertEquals(0, reference.exit(), reference.output());
        neverCrashed = comparable(root.resolve("never-crashed-state/after.txt"));
        assertTrue(neverCrashed.contains("configuration " + AGENT_PID + " provisioned=true"), neverCrashed::toString);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CrashPoint.class, names = "APPLICATIONS_INSTALLED", mode = EnumSource.Mode.EXCLUDE)
    void aGatewayKilledDuringItsRunEndsProvisionedOrAsItWas(CrashPoint point) throws Exception {
        String name = point.option();
        Run cut = gatewayOnly(name, name + "-cut", request(), "--crash-at", point.option());
        if (cut.exit() == 0) {
            // The last points may be passed before the hook reads the journal: then the run simply ended.
            narrator.say(name + ": the run ended before the kill");
            assertEquals(neverCrashed, comparable(root.resolve(name + "-cut-state/after.txt")));
            return;
        }
        assertEquals(137, cut.exit(), "killed by SIGKILL:\n" + cut.output());
        String atDeath = journalAtDeath(cut.output());

        Run restart = gatewayOnly(name, name + "-restart", Optional.empty());

        SandboxProcess.assertNoSecret(restart);
        if (restart.exit() == 0) {
            narrator.say(name + ": killed at " + atDeath + ", restarted: PROVISIONED");
            assertEquals(neverCrashed, comparable(root.resolve(name + "-restart-state/after.txt")));
            return;
        }
        assertEquals(1, restart.exit(), restart.output());
        assertTrue(restart.output().contains("409"), "only a used request may keep it from provisioning:\n"
                + restart.output());
        assertEquals(comparable(root.resolve(name + "-cut-state/before.txt")),
                comparable(root.resolve(name + "-restart-state/after.txt")), "the gateway is as it was before the cut run");
        narrator.say(name + ": killed at " + atDeath + ", restarted: rolled back, request used (409)");

        Run reissued = gatewayOnly(name, name + "-reissued", request());

        assertEquals(0, reissued.exit(), reissued.output());
        assertEquals(neverCrashed, comparable(root.resolve(name + "-reissued-state/after.txt")));
    }

    /** A new provision request for the gateway, as an operator issues it; its credentials go to files. */
    private static Optional<GatewayCredentials> request() throws Exception {
        return Optional.of(platform.addRequest(gateway, Optional.empty(), narrator));
    }

    /**
     * Runs the gateway on data folder {@code data} with {@code credentials} (the files of the last ones
     * when empty); its states go to {@code {run}-state/}.
     */
    private static Run gatewayOnly(String data, String run, Optional<GatewayCredentials> credentials, String... extra)
            throws Exception {
        Path password = root.resolve("password");
        Path activationKey = root.resolve("activation-key");
        if (credentials.isPresent()) {
            secretFile(password, credentials.get().password().reveal());
            secretFile(activationKey, credentials.get().activationKey().orElseThrow().reveal());
        }
        List<String> args = new ArrayList<>(List.of("--gateway-only", "--broker-url", platform.brokerUrl(),
                "--account-name", platform.account(), "--client-id", gateway.clientId(), "--username",
                gateway.clientId() + "-" + gateway.serialNumber(), "--password-file", password.toString(),
                "--activation-key-file", activationKey.toString(), "--trust", trust.toString(), "--timeout", "5",
                "--retry-interval", "1", "--retry-max-attempts", "2", "--state", root.resolve(run + "-state").toString()));
        args.addAll(List.of(extra));
        return SandboxProcess.run(root.resolve(data), root.resolve(run + "-output.log"), args);
    }

    /**
     * A state ({@code --state}) in the terms a crash may not change: the agent's own settings are left
     * out (the sandbox writes them on each run) but for {@code provisioned}, and cipher text is masked
     * (each encryption draws a new IV).
     */
    private static List<String> comparable(Path state) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(state)) {
            if (line.startsWith("configuration " + AGENT_PID + " ") && !line.contains(" provisioned=")) {
                continue;
            }
            Matcher cipher = CIPHER_TEXT.matcher(line);
            lines.add(cipher.matches() ? cipher.group(1) + "=<cipher text>" : line);
        }
        return lines;
    }

    private static String journalAtDeath(String output) {
        Matcher shown = Pattern.compile("crash hook: the journal shows (\\S+):").matcher(output);
        return shown.find() ? shown.group(1) : "(not shown)";
    }

    private static void secretFile(Path file, String value) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value + "\n");
    }

    private static String pem(List<X509Certificate> certificates) throws Exception {
        StringBuilder text = new StringBuilder();
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate certificate : certificates) {
            text.append("-----BEGIN CERTIFICATE-----\n").append(encoder.encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return text.toString();
    }
}
