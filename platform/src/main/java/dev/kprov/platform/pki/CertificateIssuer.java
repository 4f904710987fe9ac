package dev.kprov.platform.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Generates the keys and certificates of a sandbox or test platform: a CA and TLS server certificate for
 * the embedded broker, and a root, intermediate and signer for provisioning packages. Certificates start
 * one day in the past, so that a gateway whose clock is a little behind still accepts them.
 */
final class CertificateIssuer {

    /** What a certificate is for; decides its extensions. */
    enum Profile {
        ROOT_CA, INTERMEDIATE_CA, SIGNER, TLS_SERVER
    }

    /** A key pair and its certificate. */
    record Issued(KeyPair keyPair, X509Certificate certificate) {
        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }

    private static final Duration BACKDATE = Duration.ofDays(1);

    private final KeyAlgorithm algorithm;
    private final SecureRandom random;
    private final Clock clock;

    CertificateIssuer(KeyAlgorithm algorithm, SecureRandom random, Clock clock) {
        this.algorithm = algorithm;
        this.random = random;
        this.clock = clock;
    }

    /** A self-signed root CA. */
    Issued root(String commonName, Duration validity) throws GeneralSecurityException {
        KeyPair keyPair = algorithm.generate(random);
        X500Name name = name(commonName);
        X509Certificate certificate = build(name, keyPair.getPublic(), name, keyPair.getPublic(),
                keyPair.getPrivate(), Profile.ROOT_CA, validity);
        return new Issued(keyPair, certificate);
    }

    /** A new key pair with a certificate of the given profile, issued by {@code issuer}. */
    Issued issue(String commonName, Profile profile, Issued issuer, Duration validity)
            throws GeneralSecurityException {
        KeyPair keyPair = algorithm.generate(random);
        X509Certificate certificate = build(name(commonName), keyPair.getPublic(),
                X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                issuer.certificate().getPublicKey(), issuer.keyPair().getPrivate(), profile, validity);
        return new Issued(keyPair, certificate);
    }

    private X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, PublicKey issuerKey,
            PrivateKey signingKey, Profile profile, Duration validity) throws GeneralSecurityException {
        Instant now = clock.instant();
        BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, subjectKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKey));
            addProfile(builder, profile);
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(Signers.contentSigner(signingKey)));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificate for " + subject + ": " + e.getMessage(),
                    e);
        }
    }

    private void addProfile(X509v3CertificateBuilder builder, Profile profile) throws CertIOException {
        switch (profile) {
            case ROOT_CA:
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                break;
            case INTERMEDIATE_CA:
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                break;
            case SIGNER:
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                break;
            case TLS_SERVER:
                int usage = algorithm == KeyAlgorithm.RSA_2048
                        ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                        : KeyUsage.digitalSignature;
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")
                }));
                break;
            default:
                throw new IllegalArgumentException("profile " + profile);
        }
    }

    private static X500Name name(String commonName) {
        return new X500Name("CN=" + commonName + ",O=kprov");
    }
}
