package dev.kprov.agent.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.junit.jupiter.api.Test;

import dev.kprov.agent.trust.TestPki.Chain;
import dev.kprov.agent.trust.TestPki.Spec;
import dev.kprov.agent.trust.TrustException.Kind;

/** Bodies that are not a package of the protocol's shape, or past its bounds (PROTOCOL.md sections 6.1, 7). */
class PackageVerifierMalformedTest {

    private final PackageVerifier verifier = new PackageVerifier(Clock.fixed(TestPki.NOW, ZoneOffset.UTC));
    private final Chain chain = Chain.rsa("shape");

    private TrustException malformed(byte[] der) {
        TrustException e = assertThrows(TrustException.class, () -> verifier.verify(der, chain.anchors(), true));
        assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
        return e;
    }

    private byte[] good() {
        return TestPackages.signedBy(chain.signer(), chain.withoutRoot()).der();
    }

    @Test
    void garbageIsMalformed() {
        malformed("this is not DER at all".getBytes(StandardCharsets.US_ASCII));
        malformed(new byte[0]);
        malformed(new byte[] { 0x30 });
    }

    @Test
    void truncatedPackageIsMalformed() {
        byte[] der = good();

        malformed(Arrays.copyOf(der, der.length - 10));
        malformed(Arrays.copyOf(der, der.length / 2));
    }

    @Test
    void bytesAfterThePackageAreMalformed() {
        byte[] der = good();

        TrustException e = malformed(Arrays.copyOf(der, der.length + 2));

        assertTrue(e.getMessage().contains("after the end"), e.getMessage());
    }

    @Test
    void deeplyNestedInputIsMalformedWithoutExhaustingTheStack() {
        int depth = 200_000;
        byte[] nested = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            nested[2 * i] = 0x30;
            nested[2 * i + 1] = (byte) 0x80;
        }

        TrustException e = malformed(nested);

        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }

    @Test
    void packageOverTheWireBoundIsMalformedBeforeParsing() {
        TrustException e = malformed(new byte[16 * 1024 * 1024 + 1]);

        assertTrue(e.getMessage().contains("16777216"), e.getMessage());
    }

    @Test
    void contentInfoOfAnotherTypeIsMalformed() throws Exception {
        byte[] data = new ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(TestPackages.CONTENT)).getEncoded();

        TrustException e = malformed(data);

        assertTrue(e.getMessage().contains("not a SignedData"), e.getMessage());
    }

    @Test
    void elevenCertificatesAreMalformed() {
        List<X509Certificate> set = new ArrayList<>(List.of(chain.withRoot()));
        for (int i = 0; set.size() < 11; i++) {
            set.add(new Spec("filler " + i, "P-256").selfSigned().certificate());
        }
        byte[] der = TestPackages.signedBy(chain.signer(), set.toArray(new X509Certificate[0])).der();

        TrustException e = malformed(der);

        assertTrue(e.getMessage().contains("11 certificates"), e.getMessage());
    }

    @Test
    void twoSignersAreMalformed() {
        Chain other = chain.withSigner(Spec.signer("second signer", "P-256").issuedBy(chain.intermediate()));
        byte[] der = TestPackages.signedBy(chain.signer(), chain.signer().certificate(),
                other.signer().certificate(), chain.intermediate().certificate()).alsoSignedBy(other.signer()).der();

        TrustException e = malformed(der);

        assertTrue(e.getMessage().contains("2 signers"), e.getMessage());
    }

    @Test
    void detachedSignatureIsMalformed() {
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).detached().der();

        TrustException e = malformed(der);

        assertTrue(e.getMessage().contains("no attached content"), e.getMessage());
    }

    @Test
    void contentOfAnotherTypeThanIdDataIsMalformed() {
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot())
                .contentType(new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.1.4")).der();

        TrustException e = malformed(der);

        assertTrue(e.getMessage().contains("not id-data"), e.getMessage());
    }

    @Test
    void signerCertificateMissingFromTheSetIsMalformed() {
        byte[] der = TestPackages.signedBy(chain.signer(), chain.intermediate().certificate()).der();

        TrustException e = malformed(der);

        assertTrue(e.getMessage().contains("signer's certificate is not in"), e.getMessage());
    }

    /** Inputs the fuzzer (fuzz/) found ending in an untyped exception, kept as regression vectors. */
    @Test
    void fuzzFindingsAreTypedRejections() throws Exception {
        TrustException shortForm = malformed(resource("short-length-past-its-end.der"));
        assertTrue(shortForm.getMessage().contains("runs past the end of its container"), shortForm.getMessage());

        TrustException pss = assertThrows(TrustException.class,
                () -> verifier.verify(resource("pss-malformed-mgf-parameters.der"), chain.anchors(), true));
        assertEquals(Kind.SIGNATURE_INVALID, pss.kind(), pss.getMessage());
        assertTrue(pss.getMessage().contains("has unreadable parameters"), pss.getMessage());
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = PackageVerifierMalformedTest.class.getResourceAsStream("/fuzz/" + name)) {
            return in.readAllBytes();
        }
    }
}
