package dev.kprov.agent.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kprov.agent.trust.TestPki.Chain;

/** Packages the protocol accepts (PROTOCOL.md section 6.1), with what the agent gets out of them. */
class PackageVerifierAcceptTest {

    private final PackageVerifier verifier = new PackageVerifier(Clock.fixed(TestPki.NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @ValueSource(booleans = { true, false })
    void rsaPkcs1PackageWithoutRootYieldsContentAndChainSignerFirst(boolean caAuthentication) throws Exception {
        Chain chain = Chain.rsa("pkcs1");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).der();

        VerifiedContent verified = verifier.verify(der, chain.anchors(), caAuthentication);

        assertArrayEquals(TestPackages.CONTENT, verified.content());
        assertEquals(List.of(chain.signer().certificate(), chain.intermediate().certificate()),
                verified.certificates());
        assertEquals(chain.signer().certificate(), verified.signer());
    }

    @Test
    void rsaPssPackageWithRootInTheSetIsAcceptedAndKeepsTheRoot() throws Exception {
        Chain chain = Chain.rsa("pss");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withRoot()).algorithm("SHA256withRSAandMGF1").der();

        VerifiedContent verified = verifier.verify(der, chain.anchors(), true);

        assertEquals(List.of(chain.withRoot()), verified.certificates());
    }

    @Test
    void ecdsaP256PackageIsAccepted() throws Exception {
        Chain chain = Chain.of("p256", "P-256", "P-256", "P-256");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).der();

        assertArrayEquals(TestPackages.CONTENT, verifier.verify(der, chain.anchors(), true).content());
    }

    @Test
    void ecdsaP384PackageWithRootIsAccepted() throws Exception {
        Chain chain = Chain.of("p384", "P-384", "P-384", "P-384");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withRoot()).algorithm("SHA384withECDSA").der();

        assertEquals(3, verifier.verify(der, chain.anchors(), true).certificates().size());
    }

    @Test
    void mixedKeysAcrossTheChainAreAccepted() throws Exception {
        Chain chain = Chain.of("mixed", "RSA-3072", "P-384", "P-256");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).der();

        assertEquals(2, verifier.verify(der, chain.anchors(), true).certificates().size());
    }

    @Test
    void certificatesInAnyOrderComeOutSignerFirst() throws Exception {
        Chain chain = Chain.rsa("order");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.root().certificate(), chain.signer().certificate(),
                chain.intermediate().certificate()).der();

        assertEquals(List.of(chain.withRoot()), verifier.verify(der, chain.anchors(), true).certificates());
    }

    @Test
    void unknownRootIsAcceptedWhenCaAuthenticationIsOff() throws Exception {
        Chain chain = Chain.rsa("unknown");
        Chain gateway = Chain.rsa("gateway");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withRoot()).der();

        assertArrayEquals(TestPackages.CONTENT, verifier.verify(der, gateway.anchors(), false).content());
    }

    @Test
    void gatewayTrustingOnlyTheIntermediateAcceptsWithCaAuthentication() throws Exception {
        Chain chain = Chain.rsa("intermediate-anchor");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).der();

        VerifiedContent verified = verifier.verify(der, List.of(chain.intermediate().certificate()), true);

        assertEquals(2, verified.certificates().size());
    }

    @Test
    void packageWithoutSigningTimeIsAccepted() throws Exception {
        Chain chain = Chain.rsa("no-signing-time");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).withoutSigningTime().der();

        assertArrayEquals(TestPackages.CONTENT, verifier.verify(der, chain.anchors(), true).content());
    }

    @Test
    void berEncodedPackageFromAStreamingSignerIsAccepted() throws Exception {
        Chain chain = Chain.rsa("ber");
        CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
        generator.addSignerInfoGenerator(TestPackages.signedBy(chain.signer()).signerInfo());
        generator.addCertificates(new JcaCertStore(List.of(chain.withoutRoot())));
        ByteArrayOutputStream ber = new ByteArrayOutputStream();
        try (OutputStream out = generator.open(ber, true)) {
            out.write(TestPackages.CONTENT);
        }
        assertEquals(0x80, ber.toByteArray()[1] & 0xff, "indefinite-length encoding");

        VerifiedContent verified = verifier.verify(ber.toByteArray(), chain.anchors(), true);

        assertArrayEquals(TestPackages.CONTENT, verified.content());
    }

    @Test
    void toStringNamesTheSignerAndNoKeyMaterial() throws Exception {
        Chain chain = Chain.rsa("tostring");
        byte[] der = TestPackages.signedBy(chain.signer(), chain.withoutRoot()).der();

        String text = verifier.verify(der, chain.anchors(), true).toString();

        assertTrue(text.contains("CN=tostring signer"), text);
        assertFalse(text.contains("BEGIN"), text);
        assertFalse(text.contains("modulus"), text);
        assertEquals("PackageVerifier", verifier.toString());
    }
}
