package dev.kprov.fuzz.seed;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for CMS seeds, good and bad in the ways PROTOCOL.md section 6.1 names: a trusted EC root
 * and intermediate with signers under them (P-256, P-384, RSA-2048), and signers that break one rule each
 * (expired, not yet valid, key usage, weak key, a non-CA issuer, an untrusted root, SHA-1). Keys come from
 * a seeded generator.
 */
public final class SeedPki {

    /** A key pair and its certificate, in both forms (the JDK's null when it refuses a forged key). */
    public record Issued(KeyPair keys, X509CertificateHolder holder, X509Certificate certificate) {
        @Override
        public String toString() {
            return "Issued[" + holder.getSubject() + "]";
        }
    }

    /** What a certificate is allowed to do. */
    public enum Profile {
        CA, SIGNER, NOT_CA, KEY_ENCIPHERMENT_ONLY, NO_EXTENSIONS
    }

    private final SecureRandom random;
    private long serial = 1000;

    public final Issued root;
    public final Issued intermediate;
    public final Issued signer;
    public final Issued signerP384;
    public final Issued signerRsa;
    public final Issued expired;
    public final Issued notYetValid;
    public final Issued keyEncipherment;
    public final Issued notCaIntermediate;
    public final Issued underNotCa;
    public final Issued rsa1024;
    public final Issued p521;
    public final Issued sha1Signed;
    public final Issued untrustedRoot;
    public final Issued underUntrusted;
    public final Issued selfSigned;

    public SeedPki(long seed) throws GeneralSecurityException {
        random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(seed);
        Instant from = Fixture.ISSUED.minus(1, ChronoUnit.DAYS);
        Instant caEnd = Fixture.ISSUED.plus(3650, ChronoUnit.DAYS);
        Instant leafEnd = Fixture.ISSUED.plus(1825, ChronoUnit.DAYS);
        root = issue("fuzz root", ec("secp256r1"), null, Profile.CA, from, caEnd, "SHA256withECDSA");
        intermediate = issue("fuzz intermediate", ec("secp256r1"), root, Profile.CA, from, caEnd, "SHA256withECDSA");
        signer = issue("fuzz signer p256", ec("secp256r1"), intermediate, Profile.SIGNER, from, leafEnd,
                "SHA256withECDSA");
        signerP384 = issue("fuzz signer p384", ec("secp384r1"), intermediate, Profile.SIGNER, from, leafEnd,
                "SHA384withECDSA");
        signerRsa = issue("fuzz signer rsa", rsa(2048), intermediate, Profile.NO_EXTENSIONS, from, leafEnd,
                "SHA256withECDSA");
        expired = issue("fuzz expired", ec("secp256r1"), intermediate, Profile.SIGNER,
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"), "SHA256withECDSA");
        notYetValid = issue("fuzz not yet valid", ec("secp256r1"), intermediate, Profile.SIGNER,
                Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2035-01-01T00:00:00Z"), "SHA256withECDSA");
        keyEncipherment = issue("fuzz key encipherment", ec("secp256r1"), intermediate,
                Profile.KEY_ENCIPHERMENT_ONLY, from, leafEnd, "SHA256withECDSA");
        notCaIntermediate = issue("fuzz not a CA", ec("secp256r1"), root, Profile.NOT_CA, from, caEnd,
                "SHA256withECDSA");
        underNotCa = issue("fuzz under not a CA", ec("secp256r1"), notCaIntermediate, Profile.SIGNER, from, leafEnd,
                "SHA256withECDSA");
        rsa1024 = issue("fuzz rsa 1024", rsa(1024), intermediate, Profile.SIGNER, from, leafEnd, "SHA256withECDSA");
        p521 = issue("fuzz p521", ec("secp521r1"), intermediate, Profile.SIGNER, from, leafEnd, "SHA256withECDSA");
        sha1Signed = issue("fuzz sha1 certificate", ec("secp256r1"), intermediate, Profile.SIGNER, from, leafEnd,
                "SHA1withECDSA");
        untrustedRoot = issue("fuzz untrusted root", ec("secp256r1"), null, Profile.CA, from, caEnd,
                "SHA256withECDSA");
        underUntrusted = issue("fuzz under untrusted root", ec("secp256r1"), untrustedRoot, Profile.SIGNER, from,
                leafEnd, "SHA256withECDSA");
        selfSigned = issue("fuzz self-signed signer", ec("secp256r1"), null, Profile.SIGNER, from, leafEnd,
                "SHA256withECDSA");
    }

    public SecureRandom random() {
        return random;
    }

    public KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve), random);
        return generator.generateKeyPair();
    }

    public KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, random);
        return generator.generateKeyPair();
    }

    /** A certificate for {@code keys}, signed by {@code issuer} (or self-signed when it is null). */
    public Issued issue(String name, KeyPair keys, Issued issuer, Profile profile, Instant from, Instant to,
            String signatureAlgorithm) throws GeneralSecurityException {
        return issue(name, SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()), keys, issuer, profile,
                from, to, signatureAlgorithm);
    }

    /** A certificate for any subject key, even one nobody holds the private half of. */
    public Issued issue(String name, SubjectPublicKeyInfo key, KeyPair keys, Issued issuer, Profile profile,
            Instant from, Instant to, String signatureAlgorithm) throws GeneralSecurityException {
        return issue(name, key, keys, issuer, profile, from, to, signatureAlgorithm, null, null);
    }

    /** A signer certificate for {@code keys} under the intermediate, with one extra extension as given. */
    public Issued withExtension(String name, KeyPair keys, ASN1ObjectIdentifier extension, byte[] value)
            throws GeneralSecurityException {
        return issue(name, SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()), keys, intermediate,
                Profile.NO_EXTENSIONS, Fixture.ISSUED.minus(1, ChronoUnit.DAYS), Fixture.ISSUED.plus(365, ChronoUnit.DAYS),
                "SHA256withECDSA", extension, value);
    }

    private Issued issue(String name, SubjectPublicKeyInfo key, KeyPair keys, Issued issuer, Profile profile,
            Instant from, Instant to, String signatureAlgorithm, ASN1ObjectIdentifier extra, byte[] extraValue)
            throws GeneralSecurityException {
        X500Name subject = new X500Name("CN=" + name + ",O=kprov fuzz");
        X500Name issuerName = issuer == null ? subject : issuer.holder().getSubject();
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, BigInteger.valueOf(serial++),
                    Date.from(from), Date.from(to), subject, key);
            switch (profile) {
                case CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                }
                case SIGNER -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                }
                case NOT_CA -> builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                case KEY_ENCIPHERMENT_ONLY -> builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyEncipherment));
                case NO_EXTENSIONS -> {
                    // a v3 certificate without extensions: allowed to sign by section 6.1
                }
            }
            if (extra != null) {
                builder.addExtension(extra, false, extraValue);
            }
            KeyPair signing = issuer == null ? keys : issuer.keys();
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(signatureAlgorithm)
                    .setSecureRandom(random).build(signing.getPrivate()));
            X509Certificate certificate;
            try {
                certificate = new JcaX509CertificateConverter().getCertificate(holder);
            } catch (java.security.cert.CertificateException e) {
                certificate = null; // a forged key the JDK will not read (over 16384 bits): BouncyCastle's form only
            }
            return new Issued(keys, holder, certificate);
        } catch (org.bouncycastle.operator.OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("cannot issue seed certificate " + name + ": " + e.getMessage(), e);
        }
    }
}
