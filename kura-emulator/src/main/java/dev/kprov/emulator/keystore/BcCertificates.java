package dev.kprov.emulator.keystore;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The BouncyCastle work of the keystore: a self-signed certificate for a new key pair, and a PKCS#10
 * request in PEM. Only API present in BouncyCastle 1.65 is used, and signatures go through the JCA's
 * default providers (no BouncyCastle provider is registered).
 */
final class BcCertificates {

    static final String PEM_CSR_TYPE = "CERTIFICATE REQUEST";
    /** Like Kura: a new key pair's certificate is valid for a year. */
    static final Duration VALIDITY = Duration.ofDays(365);
    /** Valid from a little before now, so that a peer whose clock is slightly behind accepts it. */
    static final Duration BACKDATE = Duration.ofHours(1);

    private BcCertificates() {
    }

    /**
     * A version 3 certificate for {@code keyPair}, issued by and to {@code subject}, signed with
     * {@code signatureAlgorithm} (a JCA name such as {@code SHA256withRSA} or {@code SHA256withECDSA}).
     *
     * @throws IllegalArgumentException when the signature algorithm is unknown
     * @throws OperatorCreationException when it cannot sign with this key
     */
    static X509Certificate selfSigned(KeyPair keyPair, X500Principal subject, String signatureAlgorithm,
            SecureRandom random, Instant now) throws OperatorCreationException, CertificateException {
        Instant notBefore = now.minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS);
        // Positive and never zero, as RFC 5280 asks; random so that two certificates made in the same
        // millisecond still differ.
        BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore),
                Date.from(notAfter), subject, keyPair.getPublic());
        ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).setSecureRandom(random)
                .build(keyPair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /**
     * A PKCS#10 certification request for {@code keyPair} and {@code subject}, signed with
     * {@code signatureAlgorithm}, as PEM ({@code -----BEGIN CERTIFICATE REQUEST-----}).
     */
    static String csrPem(KeyPair keyPair, X500Principal subject, String signatureAlgorithm)
            throws OperatorCreationException, IOException {
        ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).build(keyPair.getPrivate());
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
                .build(signer);
        StringWriter text = new StringWriter();
        try (PemWriter pem = new PemWriter(text)) {
            pem.writeObject(new PemObject(PEM_CSR_TYPE, request.getEncoded()));
        }
        return text.toString();
    }
}
