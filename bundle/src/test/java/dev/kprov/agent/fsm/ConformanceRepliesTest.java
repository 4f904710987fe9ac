package dev.kprov.agent.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.kprov.agent.component.Options;
import dev.kprov.agent.component.OptionsFixture;
import dev.kprov.agent.trust.PackageVerifier;
import dev.kprov.agent.trust.PemCertificates;

/**
 * Every reply vector of ../shared/conformance (made with OpenSSL and an independent encoder) gets the
 * verdict its index.json names, through the agent's own reply handling: the outcome the machine acts on.
 */
class ConformanceRepliesTest {

    /** Inside every vector's validity (2026 to 2036), so the verdicts do not change with the years. */
    private static final Clock GATEWAY_CLOCK = Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneOffset.UTC);

    private static Path dir;
    private static List<X509Certificate> trustedRoots;
    private static String requestId;
    private static String clientId;

    @BeforeAll
    static void load() throws Exception {
        dir = Paths.get(System.getProperty("kprov.conformance.dir", "../../shared/conformance"));
        assertTrue(Files.isDirectory(dir), "conformance vectors not found at " + dir.toAbsolutePath()
                + " (set -Dkprov.conformance.dir)");
        try (InputStream in = Files.newInputStream(dir.resolve("trust/trusted-roots.pem"))) {
            trustedRoots = PemCertificates.read(in, "trusted-roots.pem");
        }
        String index = new String(Files.readAllBytes(dir.resolve("index.json")), StandardCharsets.UTF_8);
        requestId = field(index, "request.id");
        clientId = field(index, "client.id");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " in index.json");
        return m.group(1);
    }

    /** The reply handling of the machine: first the reply, then, for a 200, its package. */
    private static ReplyOutcome handle(String file, boolean caAuthentication) throws Exception {
        Options options = OptionsFixture.parse(Map.of("enabled", true, "broker-url", "mqtts://broker.example.com",
                "client-id", clientId, "ca-authentication", caAuthentication));
        Exchange exchange = new ProtocolExchange(new SecureRandom(), Collections::emptyMap, () -> trustedRoots,
                new PackageVerifier(GATEWAY_CLOCK), "dev.kprov.agent.ProvisioningService");
        Exchange.OutgoingRequest request = new Exchange.OutgoingRequest(requestId, "t/POST/provision", "t/REPLY/#",
                "t/REPLY/" + requestId, "t/NOTIFY/" + requestId, new byte[0]);
        ReplyOutcome outcome = exchange.onMessage(request.replyTopic(), Files.readAllBytes(dir.resolve(file)), request);
        if (outcome.kind() == ReplyOutcome.Kind.PACKAGE) {
            return exchange.verify(outcome.signedPackage(), request, options);
        }
        return outcome;
    }

    @ParameterizedTest(name = "{0} (ca-authentication {1}): {2}")
    @CsvSource({
            "replies/ok-rsa-pkcs1.bin, true, VERIFIED",
            "replies/ok-rsa-pss.bin, true, VERIFIED",
            "replies/ok-ecdsa-p256.bin, true, VERIFIED",
            "replies/ok-ecdsa-p384.bin, true, VERIFIED",
            "replies/ok-gzip.bin, true, VERIFIED",
            "replies/bad-tampered.bin, true, SIGNATURE_INVALID",
            "replies/bad-untrusted.bin, true, UNTRUSTED_CHAIN",
            "replies/bad-untrusted.bin, false, VERIFIED",
            "replies/bad-expired.bin, true, CLOCK",
            "replies/bad-expired.bin, false, CLOCK",
            "replies/bad-not-yet-valid.bin, true, CLOCK",
            "replies/bad-not-yet-valid.bin, false, CLOCK",
            "replies/bad-signer-key-usage.bin, true, UNTRUSTED_CHAIN",
            "replies/bad-intermediate-not-ca.bin, true, UNTRUSTED_CHAIN",
            "replies/bad-sha1.bin, true, SIGNATURE_INVALID",
            "replies/bad-other-request.bin, true, INVALID_REPLY",
            "replies/bad-other-client.bin, true, INVALID_REPLY",
            "replies/bad-app-hash.bin, true, INVALID_REPLY",
            "replies/bad-not-cms.bin, true, INVALID_REPLY",
            "replies/bad-gzip-bomb.bin, true, INVALID_REPLY",
            "replies/bad-truncated.bin, true, INVALID_REPLY",
            "replies/bad-too-many-metrics.bin, true, INVALID_REPLY",
            "replies/err-404.bin, true, PLATFORM_REJECTED",
            "replies/err-429.bin, true, PLATFORM_REJECTED",
            "replies/wait-202.bin, true, WAIT",
            "replies/ignore-other-request-id.bin, true, IGNORE" })
    void verdict(String file, boolean caAuthentication, String expected) throws Exception {
        ReplyOutcome outcome = handle(file, caAuthentication);

        assertEquals(expected, verdictOf(outcome), outcome.toString());
    }

    private static String verdictOf(ReplyOutcome outcome) {
        switch (outcome.kind()) {
        case FAILED:
            return outcome.error().name();
        case PACKAGE:
            return "UNVERIFIED";
        default:
            return outcome.kind().name();
        }
    }

    @Test
    void weakRsaKeyIsRefusedEitherAsSignatureOrAsChain() throws Exception {
        ReplyOutcome outcome = handle("replies/bad-rsa1024.bin", true);

        assertTrue(outcome.error() == ErrorCategory.SIGNATURE_INVALID || outcome.error() == ErrorCategory.UNTRUSTED_CHAIN,
                outcome.toString());
    }

    @Test
    void rejectionsSayWhatTheyAre() throws Exception {
        assertTrue(handle("replies/err-404.bin", true).message().contains("404"));
        assertTrue(handle("replies/err-429.bin", true).retryAfterMillis() >= 900_000, "429 asks for at least 900 s");
        assertTrue(handle("replies/bad-expired.bin", true).message().matches("(?s).*20\\d\\d.*"),
                "a CLOCK rejection names the time and the validity window");
    }

    @Test
    void acceptedPackageYieldsItsContent() throws Exception {
        VerifiedPackage verified = handle("replies/ok-rsa-pkcs1.bin", true).verified();

        assertEquals(requestId, verified.requestId());
        assertEquals(clientId, verified.content().clientId());
        assertTrue(verified.content().configuration().length > 0);
        assertEquals(1, verified.content().applications().size(), "one application (index.json note)");
        assertTrue(!verified.brokerCas().isEmpty(), "ssl.ca.certificates parsed");
        assertTrue(!verified.signerChain().isEmpty());
    }

    @Test
    void everyReplyOfTheIndexIsCovered() throws IOException {
        String index = new String(Files.readAllBytes(dir.resolve("index.json")), StandardCharsets.UTF_8);
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("\"file\"\\s*:\\s*\"(replies/[^\"]+)\"").matcher(index);
        while (m.find()) {
            listed.add(m.group(1));
        }
        String source = new String(Files.readAllBytes(Paths.get(
                "src/test/java/dev/kprov/agent/fsm/ConformanceRepliesTest.java")), StandardCharsets.UTF_8);
        for (String file : listed) {
            assertTrue(source.contains("\"" + file + "\"") || source.contains(file + ","), file + " has a verdict here");
        }
        assertTrue(listed.size() >= 24, "index read: " + listed);
    }
}
