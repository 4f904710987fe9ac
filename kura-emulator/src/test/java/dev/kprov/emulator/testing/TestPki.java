package dev.kprov.emulator.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A small PKI for tests: a CA, server certificates with subject alternative names, CRLs. EC P-256. */
public final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key pair and its certificate. */
    public static final class Issued {
        public final KeyPair keyPair;
        public final X509Certificate certificate;

        Issued(KeyPair keyPair, X509Certificate certificate) {
            this.keyPair = keyPair;
            this.certificate = certificate;
        }
    }

    private TestPki() {
    }

    public static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /** A self-signed CA certificate. */
    public static Issued ca(String commonName) throws Exception {
        KeyPair keyPair = ecKeyPair();
        X500Principal name = new X500Principal("CN=" + commonName + ", O=kprov tests");
        X509v3CertificateBuilder builder = builder(name, name, keyPair)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(keyPair, sign(builder, keyPair));
    }

    /** A TLS server certificate issued by {@code ca} for the given names. */
    public static Issued server(Issued ca, String commonName, GeneralName... subjectAlternativeNames)
            throws Exception {
        return issue(ca, commonName, KeyPurposeId.id_kp_serverAuth, subjectAlternativeNames);
    }

    /** A TLS client certificate issued by {@code ca}. */
    public static Issued client(Issued ca, String commonName) throws Exception {
        return issue(ca, commonName, KeyPurposeId.id_kp_clientAuth, dnsName(commonName));
    }

    private static Issued issue(Issued ca, String commonName, KeyPurposeId purpose,
            GeneralName... subjectAlternativeNames) throws Exception {
        KeyPair keyPair = ecKeyPair();
        X509v3CertificateBuilder builder = builder(ca.certificate.getSubjectX500Principal(),
                new X500Principal("CN=" + commonName), keyPair)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAlternativeNames));
        return new Issued(keyPair, sign(builder, ca.keyPair));
    }

    /** The names a server on the loopback interface is reached by. */
    public static GeneralName[] loopbackNames() {
        return new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost") };
    }

    public static GeneralName dnsName(String name) {
        return new GeneralName(GeneralName.dNSName, name);
    }

    /** A CRL of {@code ca} issued at {@code thisUpdate} that revokes {@code revokedSerial}. */
    public static X509CRL crl(Issued ca, Instant thisUpdate, BigInteger revokedSerial) throws Exception {
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate, Date.from(thisUpdate))
                .setNextUpdate(Date.from(thisUpdate.plus(Duration.ofDays(7))))
                .addCRLEntry(revokedSerial, Date.from(thisUpdate), CRLReason.keyCompromise);
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keyPair.getPrivate());
        return new JcaX509CRLConverter().getCRL(builder.build(signer));
    }

    private static X509v3CertificateBuilder builder(X500Principal issuer, X500Principal subject, KeyPair keyPair) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                keyPair.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }
}
