package dev.kprov.agent.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kprov.agent.trust.TestPki.Chain;
import dev.kprov.agent.trust.TestPki.Issued;
import dev.kprov.agent.trust.TestPki.Spec;
import dev.kprov.agent.trust.TrustException.Kind;

/**
 * Failures caused only by validity dates are CLOCK whatever ca-authentication says, and say enough for a
 * person to tell a gateway clock that is behind from an expired certificate (PROTOCOL.md section 8).
 */
class PackageVerifierClockTest {

    private static final Instant SIGNER_FROM = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant SIGNER_TO = Instant.parse("2031-01-01T00:00:00Z");

    private final Chain chain = Chain.rsa("clock");

    private static TrustException rejectedAt(Instant gatewayTime, byte[] der, Collection<X509Certificate> anchors,
            boolean caAuthentication) {
        PackageVerifier verifier = new PackageVerifier(Clock.fixed(gatewayTime, ZoneOffset.UTC));
        return assertThrows(TrustException.class, () -> verifier.verify(der, anchors, caAuthentication));
    }

    private static void assertClockNaming(TrustException e, Instant gatewayTime, Issued certificate) {
        assertEquals(Kind.CLOCK, e.kind(), e.getMessage());
        String message = e.getMessage();
        assertTrue(message.contains(gatewayTime.toString()), "gateway time in: " + message);
        assertTrue(message.contains(certificate.certificate().getNotBefore().toInstant().toString()),
                "notBefore in: " + message);
        assertTrue(message.contains(certificate.certificate().getNotAfter().toInstant().toString()),
                "notAfter in: " + message);
        assertTrue(message.contains(certificate.subject().substring(0, certificate.subject().indexOf(','))),
                "subject in: " + message);
    }

    private Issued signerValid(Instant from, Instant to, String name) {
        return Spec.signer(name, "RSA-2048").valid(from, to).issuedBy(chain.intermediate());
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void expiredSignerIsClockNamingTimeAndWindow(boolean caAuthentication) {
        Issued signer = signerValid(TestPki.NOW.minus(Duration.ofDays(20)), TestPki.NOW.minus(Duration.ofDays(10)),
                "expired signer");
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), chain.intermediate().certificate())
                .signingTime(TestPki.NOW.minus(Duration.ofDays(15))).der();

        TrustException e = rejectedAt(TestPki.NOW, der, chain.anchors(), caAuthentication);

        assertClockNaming(e, TestPki.NOW, signer);
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void notYetValidSignerIsClockNamingTimeAndWindow(boolean caAuthentication) {
        Issued signer = signerValid(TestPki.NOW.plus(Duration.ofDays(10)), TestPki.NOW.plus(Duration.ofDays(20)),
                "future signer");
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), chain.intermediate().certificate())
                .signingTime(TestPki.NOW.plus(Duration.ofDays(11))).der();

        TrustException e = rejectedAt(TestPki.NOW, der, chain.anchors(), caAuthentication);

        assertClockNaming(e, TestPki.NOW, signer);
        assertTrue(e.getMessage().contains("not valid yet"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void gatewayClockBehindIsClockAndSaysSo(boolean caAuthentication) {
        // a gateway that booted without NTP and believes it is 1970
        Instant gatewayTime = Instant.parse("1970-01-01T00:01:40Z");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).der();

        TrustException e = rejectedAt(gatewayTime, der, chain.anchors(), caAuthentication);

        assertClockNaming(e, gatewayTime, chain.signer());
        assertTrue(e.getMessage().contains("clock is behind"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void signingTimeOutsideTheSignerWindowIsClockNamingIt(boolean caAuthentication) {
        Issued signer = signerValid(SIGNER_FROM, SIGNER_TO, "signing-time signer");
        Instant signedAt = Instant.parse("2029-06-01T00:00:00Z");
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), chain.intermediate().certificate())
                .signingTime(signedAt).der();
        Instant gatewayTime = Instant.parse("2030-06-01T00:00:00Z");

        TrustException e = rejectedAt(gatewayTime, der, chain.anchors(), caAuthentication);

        assertClockNaming(e, gatewayTime, signer);
        assertTrue(e.getMessage().contains(signedAt.toString()), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void signerExpiredLongBeforeItsIntermediateBeganIsStillClock(boolean caAuthentication) {
        // the shape of the conformance vector bad-expired: the two windows never overlap
        Issued signer = signerValid(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"),
                "long expired signer");
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), chain.intermediate().certificate())
                .withoutSigningTime().der();

        TrustException e = rejectedAt(TestPki.NOW, der, chain.anchors(), caAuthentication);

        assertClockNaming(e, TestPki.NOW, signer);
    }

    @Test
    void expiredIntermediateIsClockWithCaAuthentication() {
        Issued intermediate = new Spec("expired intermediate", "RSA-2048")
                .valid(TestPki.NOW.minus(Duration.ofDays(400)), TestPki.NOW.minus(Duration.ofDays(1)))
                .issuedBy(chain.root());
        Issued signer = Spec.signer("under expired", "RSA-2048").issuedBy(intermediate);
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), intermediate.certificate())
                .withoutSigningTime().der();

        TrustException e = rejectedAt(TestPki.NOW, der, chain.anchors(), true);

        assertClockNaming(e, TestPki.NOW, intermediate);
    }

    @Test
    void expiredSignerUnderAnUntrustedRootIsUntrustedNotClock() {
        Chain stranger = Chain.rsa("stranger");
        Issued signer = Spec.signer("expired stranger", "RSA-2048")
                .valid(TestPki.NOW.minus(Duration.ofDays(20)), TestPki.NOW.minus(Duration.ofDays(10)))
                .issuedBy(stranger.intermediate());
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), stranger.intermediate().certificate())
                .withoutSigningTime().der();

        assertEquals(Kind.UNTRUSTED_CHAIN, rejectedAt(TestPki.NOW, der, chain.anchors(), true).kind());
        assertEquals(Kind.CLOCK, rejectedAt(TestPki.NOW, der, chain.anchors(), false).kind());
    }

    @Test
    void tamperedPackageWithExpiredSignerIsSignatureInvalidNotClock() {
        Issued signer = signerValid(TestPki.NOW.minus(Duration.ofDays(20)), TestPki.NOW.minus(Duration.ofDays(10)),
                "expired tampered signer");
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), chain.intermediate().certificate()).der();
        der[TestPackages.indexOf(der, TestPackages.CONTENT)] ^= 0x20;

        assertEquals(Kind.SIGNATURE_INVALID, rejectedAt(TestPki.NOW, der, chain.anchors(), true).kind());
    }
}
