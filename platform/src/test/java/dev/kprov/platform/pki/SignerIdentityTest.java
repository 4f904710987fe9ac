package dev.kprov.platform.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import dev.kprov.platform.pki.CertificateIssuer.Issued;
import dev.kprov.platform.pki.CertificateIssuer.Profile;

/** The platform refuses a signer a gateway would refuse (PROTOCOL.md section 6.1). */
class SignerIdentityTest {

    private final CertificateIssuer issuer = new CertificateIssuer(KeyAlgorithm.EC_P256, new SecureRandom(),
            Clock.systemUTC());

    @Test
    void aGeneratedChainIsAccepted() throws Exception {
        Issued root = issuer.root("root", Duration.ofDays(10));
        Issued intermediate = issuer.issue("intermediate", Profile.INTERMEDIATE_CA, root, Duration.ofDays(10));
        Issued signer = issuer.issue("signer", Profile.SIGNER, intermediate, Duration.ofDays(10));
        SignerIdentity identity = SignerIdentity.of(signer.keyPair().getPrivate(),
                List.of(signer.certificate(), intermediate.certificate(), root.certificate()), "test");
        assertEquals(root.certificate(), identity.root());
        assertTrue(identity.signCms(new byte[] {1, 2, 3}).length > 0);
        assertTrue(identity.toString().contains("signer") && !identity.toString().contains("PRIVATE"));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        Issued root = issuer.root("root", Duration.ofDays(10));
        Issued signer = issuer.issue("signer", Profile.SIGNER, root, Duration.ofDays(10));
        KeyMaterialException refused = assertThrows(KeyMaterialException.class, () -> SignerIdentity.of(
                root.keyPair().getPrivate(), List.of(signer.certificate(), root.certificate()), "test"));
        assertTrue(refused.getMessage().contains("does not belong"), refused.getMessage());
    }

    @Test
    void anIssuerThatIsNotACaIsRefused() throws Exception {
        Issued root = issuer.root("root", Duration.ofDays(10));
        Issued notCa = issuer.issue("not a CA", Profile.SIGNER, root, Duration.ofDays(10));
        Issued signer = issuer.issue("signer", Profile.SIGNER, notCa, Duration.ofDays(10));
        KeyMaterialException refused = assertThrows(KeyMaterialException.class, () -> SignerIdentity.of(
                signer.keyPair().getPrivate(), List.of(signer.certificate(), notCa.certificate()), "test"));
        assertTrue(refused.getMessage().contains("is not a CA"), refused.getMessage());
    }

    @Test
    void anRsaKeyUnder2048BitsIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();
        X500Name name = new X500Name("CN=weak");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now), Date.from(now.plusSeconds(3600)),
                        name, weak.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(weak.getPrivate())));
        KeyMaterialException refused = assertThrows(KeyMaterialException.class,
                () -> SignerIdentity.of(weak.getPrivate(), List.of(certificate), "test"));
        assertTrue(refused.getMessage().contains("1024 bits; at least 2048"), refused.getMessage());
    }
}
