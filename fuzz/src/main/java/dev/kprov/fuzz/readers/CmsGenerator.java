package dev.kprov.fuzz.readers;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;

import dev.kprov.fuzz.seed.CmsBuilder;
import dev.kprov.fuzz.seed.Fixture;
import dev.kprov.fuzz.seed.SeedPki;
import dev.kprov.fuzz.seed.SeedPki.Issued;
import dev.kprov.fuzz.seed.SeedPki.Profile;

/**
 * Makes provisioning packages from scratch: really signed ones with a random signer of the seed PKI, a
 * random certificate set in a random order, signing time, encoding and attributes; "fake" ones whose
 * signer certificate carries a key nobody holds (huge RSA moduli and exponents, unreadable keys, explicit
 * or unknown curves) with random signature bytes; and random DER, bare or in a SignedData skeleton.
 */
public final class CmsGenerator {

    private static final String[] FAKE_ALGORITHMS = {"SHA256withRSA", "SHA256withECDSA", "SHA1withRSA",
        "SHA256withRSAandMGF1", "SHA512withRSAandMGF1", "SHA256withDSA", "MD5withRSA", "SHA384withECDSA"};

    private final SeedPki pki;
    private final List<byte[]> contents;
    private final List<Issued> signers;
    private final List<X509CertificateHolder> pool = new ArrayList<>();
    private final List<X509CertificateHolder> forged = new ArrayList<>();
    private final List<byte[]> certificateBytes = new ArrayList<>();
    private final SecureRandom secure;

    public CmsGenerator(SeedPki pki, List<byte[]> contents) throws GeneralSecurityException {
        this.pki = pki;
        this.contents = List.copyOf(contents);
        this.secure = pki.random();
        this.signers = List.of(pki.signer, pki.signer, pki.signer, pki.signerP384, pki.signerRsa, pki.expired,
                pki.notYetValid, pki.keyEncipherment, pki.underNotCa, pki.rsa1024, pki.p521, pki.sha1Signed,
                pki.underUntrusted, pki.selfSigned);
        for (Issued issued : List.of(pki.root, pki.intermediate, pki.signer, pki.signerP384, pki.signerRsa,
                pki.expired, pki.notYetValid, pki.keyEncipherment, pki.notCaIntermediate, pki.underNotCa,
                pki.rsa1024, pki.p521, pki.sha1Signed, pki.untrustedRoot, pki.underUntrusted, pki.selfSigned)) {
            pool.add(issued.holder());
        }
        forge();
        pool.addAll(forged);
        for (X509CertificateHolder holder : pool) {
            try {
                certificateBytes.add(holder.getEncoded());
            } catch (IOException e) {
                throw new GeneralSecurityException("cannot encode a seed certificate", e);
            }
        }
    }

    /** Certificates, signed by the seed intermediate, for keys that break the key rules of section 6.1. */
    private void forge() throws GeneralSecurityException {
        AlgorithmIdentifier rsa = new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
        AlgorithmIdentifier ec256 = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                X9ObjectIdentifiers.prime256v1);
        try {
            forged(new SubjectPublicKeyInfo(rsa, new RSAPublicKey(BigInteger.ONE.shiftLeft(16400).add(BigInteger.ONE),
                    BigInteger.valueOf(65537))), "rsa 16401 bits");
            forged(new SubjectPublicKeyInfo(rsa, new RSAPublicKey(BigInteger.ONE.shiftLeft(2047).add(BigInteger.ONE),
                    BigInteger.ONE.shiftLeft(100).add(BigInteger.ONE))), "rsa exponent 101 bits");
            forged(new SubjectPublicKeyInfo(rsa, new byte[] {0x30, 0x03, 0x02, 0x01, 0x05}), "rsa unreadable");
            forged(new SubjectPublicKeyInfo(rsa, nested(20_000)), "rsa nested");
            forged(new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    new DEROctetString(new byte[8])), new byte[65]), "ec explicit");
            forged(new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    new ASN1ObjectIdentifier("1.3.132.0.10")), new byte[65]), "ec secp256k1");
            forged(new SubjectPublicKeyInfo(ec256, new byte[] {4, 1, 2}), "ec bad point");
            forged(new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112")),
                    new byte[32]), "ed25519");
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot forge a seed key", e);
        }
    }

    private void forged(SubjectPublicKeyInfo key, String name) throws GeneralSecurityException {
        Instant from = Fixture.ISSUED.minusSeconds(86_400);
        forged.add(pki.issue("fuzz forged " + name, key, null, pki.intermediate, Profile.SIGNER, from,
                from.plusSeconds(86_400L * 1000), "SHA256withECDSA").holder());
    }

    /** {@code depth} nested SEQUENCE headers, definite lengths: a stack-depth probe. */
    static byte[] nested(int depth) {
        byte[][] levels = new byte[depth + 1][];
        levels[depth] = new byte[] {0x05, 0x00};
        for (int i = depth - 1; i >= 0; i--) {
            levels[i] = DerWriter.tlv(0x30, levels[i + 1]);
            levels[i + 1] = null;
        }
        return levels[0];
    }

    List<X509CertificateHolder> pool() {
        return pool;
    }

    byte[] generate(SplittableRandom random) {
        int roll = random.nextInt(20);
        if (roll < 3) {
            return DerWriter.element(random, 6);
        }
        if (roll < 7) {
            return DerWriter.signedDataSkeleton(random, certificateBytes, content(random));
        }
        try {
            return signed(random, roll < 10);
        } catch (GeneralSecurityException e) {
            // a combination BouncyCastle refuses to produce: fall back to random structure
            return DerWriter.signedDataSkeleton(random, certificateBytes, content(random));
        }
    }

    private byte[] signed(SplittableRandom random, boolean fake) throws GeneralSecurityException {
        CmsBuilder builder = new CmsBuilder(content(random));
        X509CertificateHolder signerHolder;
        if (fake) {
            signerHolder = random.nextBoolean() ? forged.get(random.nextInt(forged.size()))
                    : pool.get(random.nextInt(pool.size()));
            builder.fakeSigner(signerHolder, FAKE_ALGORITHMS[random.nextInt(FAKE_ALGORITHMS.length)],
                    random.nextInt(4) == 0 ? random.nextInt(600) : 72, secure);
        } else {
            Issued signer = signers.get(random.nextInt(signers.size()));
            signerHolder = signer.holder();
            String algorithm = algorithm(random, signer);
            if (random.nextInt(10) == 0) {
                builder.directSigner(signer, algorithm);
            } else {
                builder.signer(signer, algorithm, signingTime(random), secure);
            }
        }
        if (random.nextInt(30) == 0) {
            builder.signer(pki.signer, "SHA256withECDSA", null, secure);
        }
        List<X509CertificateHolder> set = new ArrayList<>();
        if (random.nextInt(12) != 0) {
            set.add(signerHolder);
        }
        for (int i = random.nextInt(random.nextInt(8) == 0 ? 12 : 4); i > 0; i--) {
            set.add(random.nextInt(2) == 0 ? pki.intermediate.holder() : pool.get(random.nextInt(pool.size())));
        }
        java.util.Collections.shuffle(set, new java.util.Random(random.nextLong()));
        builder.certificates(set.stream().distinct().toList());
        if (random.nextInt(5) == 0) {
            builder.ber();
        }
        if (random.nextInt(30) == 0) {
            builder.detached();
        }
        return builder.build();
    }

    private static String algorithm(SplittableRandom random, Issued signer) {
        String key = signer.keys().getPublic().getAlgorithm();
        String[] choices = key.equals("RSA")
                ? new String[] {"SHA256withRSA", "SHA384withRSA", "SHA256withRSAandMGF1", "SHA1withRSA"}
                : new String[] {"SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA", "SHA1withECDSA"};
        return choices[random.nextInt(10) < 7 ? 0 : random.nextInt(choices.length)];
    }

    private static Date signingTime(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> Date.from(Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L)));
            default -> Date.from(Fixture.ISSUED.plusSeconds(random.nextInt(1_000_000)));
        };
    }

    private byte[] content(SplittableRandom random) {
        return random.nextInt(4) == 0 ? PayloadGenerator.bytes(random, 300) : contents.get(random.nextInt(contents.size()));
    }
}
