package dev.kprov.agent.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kprov.agent.trust.TestPki.Chain;
import dev.kprov.agent.trust.TestPki.Issued;
import dev.kprov.agent.trust.TestPki.Spec;
import dev.kprov.agent.trust.TrustException.Kind;

/** Packages refused for their signature or their signer policy (PROTOCOL.md sections 6.1 and 8). */
class PackageVerifierRejectTest {

    private final PackageVerifier verifier = new PackageVerifier(Clock.fixed(TestPki.NOW, ZoneOffset.UTC));
    private final Chain chain = Chain.rsa("policy");

    private TrustException rejected(byte[] der, Collection<X509Certificate> anchors, boolean caAuthentication) {
        return assertThrows(TrustException.class, () -> verifier.verify(der, anchors, caAuthentication));
    }

    private static void assertKind(Kind expected, TrustException e) {
        assertEquals(expected, e.kind(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void tamperedContentIsSignatureInvalid(boolean caAuthentication) {
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).der();
        der[TestPackages.indexOf(der, TestPackages.CONTENT) + 3] ^= 0x01;

        assertKind(Kind.SIGNATURE_INVALID, rejected(der, chain.anchors(), caAuthentication));
    }

    @Test
    void signatureByAnotherKeyThanTheSignerCertificateIsSignatureInvalid() {
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot())
                .keyNotMatchingCertificate(TestPki.key("RSA-2048#other").getPrivate()).der();

        TrustException e = rejected(der, chain.anchors(), true);

        assertKind(Kind.SIGNATURE_INVALID, e);
        assertTrue(e.getMessage().contains("CN=policy signer"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void sha1DigestIsSignatureInvalidEvenThoughItVerifies(boolean caAuthentication) {
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).algorithm("SHA1withRSA").der();

        TrustException e = rejected(der, chain.anchors(), caAuthentication);

        assertKind(Kind.SIGNATURE_INVALID, e);
        assertTrue(e.getMessage().contains("SHA1"), e.getMessage());
    }

    @Test
    void rsa1024SignerIsRefused() {
        Chain weak = chain.withSigner(Spec.signer("rsa1024 signer", "RSA-1024").issuedBy(chain.intermediate()));
        byte[] der = TestPackages.signedBy(weak.signer(), weak.withoutRoot()).der();

        TrustException e = rejected(der, weak.anchors(), false);

        assertKind(Kind.UNTRUSTED_CHAIN, e);
        assertTrue(e.getMessage().contains("1024 bits"), e.getMessage());
    }

    @Test
    void p521SignerIsRefused() {
        Chain p521 = chain.withSigner(Spec.signer("p521 signer", "P-521").issuedBy(chain.intermediate()));
        byte[] der = TestPackages.signedBy(p521.signer(), p521.withoutRoot()).algorithm("SHA512withECDSA").der();

        TrustException e = rejected(der, p521.anchors(), false);

        assertKind(Kind.UNTRUSTED_CHAIN, e);
        assertTrue(e.getMessage().contains("P-521"), e.getMessage());
    }

    @Test
    void weakKeyAboveTheSignerIsRefused() {
        Issued weakIntermediate = new Spec("weak intermediate", "RSA-1024").issuedBy(chain.root());
        Issued signer = Spec.signer("under weak", "RSA-2048").issuedBy(weakIntermediate);
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), weakIntermediate.certificate()).der();

        TrustException e = rejected(der, chain.anchors(), false);

        assertKind(Kind.UNTRUSTED_CHAIN, e);
        assertTrue(e.getMessage().contains("CN=weak intermediate"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void signerWithKeyEnciphermentOnlyIsUntrusted(boolean caAuthentication) {
        Issued signer = Spec.signer("encipherment signer", "RSA-2048").keyUsage(KeyUsage.keyEncipherment)
                .issuedBy(chain.intermediate());
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), chain.intermediate().certificate()).der();

        TrustException e = rejected(der, chain.anchors(), caAuthentication);

        assertKind(Kind.UNTRUSTED_CHAIN, e);
        assertTrue(e.getMessage().contains("digitalSignature"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void intermediateWithCaFalseIsUntrusted(boolean caAuthentication) {
        Issued notCa = new Spec("not-ca intermediate", "RSA-2048").ca(false).issuedBy(chain.root());
        Issued signer = Spec.signer("under not-ca", "RSA-2048").issuedBy(notCa);
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), notCa.certificate()).der();

        TrustException e = rejected(der, chain.anchors(), caAuthentication);

        assertKind(Kind.UNTRUSTED_CHAIN, e);
        assertTrue(e.getMessage().contains("CN=not-ca intermediate"), e.getMessage());
    }

    @Test
    void intermediateWithoutBasicConstraintsIsUntrusted() {
        Issued plain = new Spec("plain intermediate", "RSA-2048").ca(null).keyUsage(null).issuedBy(chain.root());
        Issued signer = Spec.signer("under plain", "RSA-2048").issuedBy(plain);
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), plain.certificate()).der();

        assertKind(Kind.UNTRUSTED_CHAIN, rejected(der, chain.anchors(), false));
    }

    @Test
    void unknownRootWithCaAuthenticationIsUntrustedAndNamesTheIssuer() {
        Chain stranger = Chain.rsa("stranger");
        byte[] der = TestPackages.signedBy(stranger.signer(), stranger.withoutRoot()).der();

        TrustException e = rejected(der, chain.anchors(), true);

        assertKind(Kind.UNTRUSTED_CHAIN, e);
        assertTrue(e.getMessage().contains("CN=stranger root"), e.getMessage());
    }

    @Test
    void rootInTheSetWithTheTrustedNameButAnotherKeyIsUntrusted() {
        Issued impostor = new Spec("policy root", "RSA-2048#impostor").selfSigned();
        Issued intermediate = new Spec("policy intermediate", "RSA-2048#impostor-intermediate").issuedBy(impostor);
        Issued signer = Spec.signer("impostor signer", "RSA-2048").issuedBy(intermediate);
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), intermediate.certificate(),
                impostor.certificate()).der();

        assertKind(Kind.UNTRUSTED_CHAIN, rejected(der, chain.anchors(), true));
    }

    @Test
    void certificateNamedAsIssuerButNotSigningIsUntrusted() {
        Issued lookalike = new Spec("policy intermediate", "RSA-2048#lookalike").issuedBy(chain.root());
        byte[] der = TestPackages.signedBy(chain.signer(), chain.signer().certificate(), lookalike.certificate())
                .der();

        TrustException e = rejected(der, chain.anchors(), false);

        assertKind(Kind.UNTRUSTED_CHAIN, e);
        assertTrue(e.getMessage().contains("not signed by"), e.getMessage());
    }

    @Test
    void certificateOutsideTheSignersChainIsUntrusted() {
        Issued extra = new Spec("smuggled root", "RSA-2048").selfSigned();
        X509Certificate[] set = { chain.signer().certificate(), chain.intermediate().certificate(),
                extra.certificate() };
        byte[] der = TestPackages.signedBy(chain.signer(), set).der();

        TrustException e = rejected(der, chain.anchors(), false);

        assertKind(Kind.UNTRUSTED_CHAIN, e);
        assertTrue(e.getMessage().contains("CN=smuggled root"), e.getMessage());
    }

    @Test
    void caAuthenticationWithNoTrustAnchorIsUntrusted() {
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).der();

        assertKind(Kind.UNTRUSTED_CHAIN, rejected(der, List.of(), true));
    }

    @Test
    void subjectInAMessageCannotForgeALogLine() {
        Issued signer = Spec.signer("evil\nINFO provisioned OK", "RSA-2048").keyUsage(KeyUsage.keyEncipherment)
                .issuedBy(chain.intermediate());
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), chain.intermediate().certificate()).der();

        TrustException e = rejected(der, chain.anchors(), false);

        assertKind(Kind.UNTRUSTED_CHAIN, e);
        assertTrue(e.getMessage().contains("evil?INFO provisioned OK"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), e.getMessage());
    }

    @Test
    void certificateSignedWithSha1InTheChainIsUntrusted() {
        Issued signer = Spec.signer("sha1-issued signer", "RSA-2048").signedWith("SHA1withRSA")
                .issuedBy(chain.intermediate());
        byte[] der = TestPackages.signedBy(signer, signer.certificate(), chain.intermediate().certificate()).der();

        TrustException e = rejected(der, chain.anchors(), false);

        assertKind(Kind.UNTRUSTED_CHAIN, e);
        assertTrue(e.getMessage().contains("SHA1"), e.getMessage());
    }
}
