package dev.kprov.agent.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.trust.TrustException.Kind;

/**
 * The independent vectors of shared/conformance (signed with OpenSSL, encoded by a tool that shares no
 * code with kprov): each reply whose verdict is about trust is decoded with the agent's codec, and its
 * body verified against {@code trust/trusted-roots.pem}. The verdict is read from {@code index.json}, so
 * the vectors, not this test, say what is right. Folder: {@code ../../shared/conformance} from the bundle
 * module, or the system property {@code kprov.conformance.dir}.
 */
class ConformanceTrustTest {

    /** Inside every certificate's window, after every signing time of the vectors (2026-11). */
    private static final Instant GATEWAY_TIME = Instant.parse("2027-06-01T00:00:00Z");
    private static final List<String> TRUST_VECTORS = List.of("ok-rsa-pkcs1", "ok-rsa-pss", "ok-ecdsa-p256",
            "ok-ecdsa-p384", "ok-gzip", "bad-tampered", "bad-untrusted", "bad-expired", "bad-not-yet-valid",
            "bad-signer-key-usage", "bad-intermediate-not-ca", "bad-rsa1024", "bad-sha1");

    private static Path dir;
    private static Map<String, String> expectations;
    private static List<X509Certificate> anchors;

    private final PackageVerifier verifier = new PackageVerifier(Clock.fixed(GATEWAY_TIME, ZoneOffset.UTC));

    @BeforeAll
    static void readVectors() throws Exception {
        dir = Paths.get(System.getProperty("kprov.conformance.dir", "../../shared/conformance")).toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(dir.resolve("index.json"))) {
            fail("conformance vectors not found at " + dir + " (no index.json); pass "
                    + "-Dkprov.conformance.dir=/path/to/shared/conformance");
        }
        String index = new String(Files.readAllBytes(dir.resolve("index.json")), StandardCharsets.UTF_8);
        expectations = new LinkedHashMap<>();
        Matcher entry = Pattern.compile(
                "\"file\"\\s*:\\s*\"replies/([^\"]+)\\.bin\"\\s*,\\s*\"expect\"\\s*:\\s*\"([^\"]*)\"").matcher(index);
        while (entry.find()) {
            expectations.put(entry.group(1), entry.group(2));
        }
        try (InputStream in = Files.newInputStream(dir.resolve("trust/trusted-roots.pem"))) {
            anchors = PemCertificates.read(in, "trusted-roots.pem");
        }
    }

    @TestFactory
    List<DynamicTest> eachTrustVectorGetsTheVerdictOfTheIndex() {
        return TRUST_VECTORS.stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name))).toList();
    }

    private void check(String name) throws Exception {
        String expect = expectations.get(name);
        assertTrue(expect != null, name + " is not in index.json");
        byte[] body = PayloadCodec.decode(Files.readAllBytes(dir.resolve("replies/" + name + ".bin"))).body()
                .orElseThrow(() -> new AssertionError(name + " has no body"));
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (Kind kind : Kind.values()) {
            if (expect.contains(kind.name())) {
                kinds.add(kind);
            }
        }
        if (expect.startsWith("accept")) {
            assertAccepted(name, body, true);
            assertAccepted(name, body, false);
        } else if (expect.contains("accept when false")) {
            assertRejected(name, body, true, kinds);
            assertAccepted(name, body, false);
        } else if (expect.contains("whatever ca-authentication says")) {
            assertRejected(name, body, true, kinds);
            assertRejected(name, body, false, kinds);
        } else {
            // the README: ca-authentication = true unless the entry says otherwise
            assertRejected(name, body, true, kinds);
        }
    }

    private void assertAccepted(String name, byte[] body, boolean caAuthentication) {
        try {
            VerifiedContent verified = verifier.verify(body, anchors, caAuthentication);
            assertFalse(verified.certificates().isEmpty(), name);
            assertTrue(verified.contentLength() > 0, name);
        } catch (TrustException e) {
            fail(name + " with ca-authentication=" + caAuthentication + " must be accepted: " + e);
        }
    }

    private void assertRejected(String name, byte[] body, boolean caAuthentication, Set<Kind> kinds)
            throws IOException {
        assertFalse(kinds.isEmpty(), name + ": no verdict kind in its expectation");
        try {
            verifier.verify(body, anchors, caAuthentication);
            fail(name + " with ca-authentication=" + caAuthentication + " must be rejected with " + kinds);
        } catch (TrustException e) {
            assertTrue(kinds.contains(e.kind()), name + " with ca-authentication=" + caAuthentication + ": expected "
                    + kinds + ", got " + e);
        }
    }

    @Test
    void trustedRootsFileReadsAsItsEightAnchors() {
        assertEquals(8, anchors.size());
    }
}
