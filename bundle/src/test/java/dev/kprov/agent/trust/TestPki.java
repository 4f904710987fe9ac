package dev.kprov.agent.trust;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real keys and certificates for the tests, made with BouncyCastle. Keys are cached by kind: generating
 * RSA keys is the slow part of these tests, and reusing a key across certificates changes no verdict.
 */
public final class TestPki {

    /** The gateway's time in most tests; certificates are valid around it unless a test says otherwise. */
    public static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    static final Instant NOT_BEFORE = NOW.minus(Duration.ofDays(30));
    static final Instant NOT_AFTER = NOW.plus(Duration.ofDays(365));

    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private TestPki() {
    }

    /** Key kinds: "RSA-2048", "RSA-3072", "RSA-1024", "P-256", "P-384", "P-521"; "#n" makes another key. */
    static KeyPair key(String kind) {
        return KEYS.computeIfAbsent(kind, TestPki::generate);
    }

    private static KeyPair generate(String kind) {
        String spec = kind.contains("#") ? kind.substring(0, kind.indexOf('#')) : kind;
        try {
            if (spec.startsWith("RSA-")) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BC);
                generator.initialize(Integer.parseInt(spec.substring(4)));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp" + spec.substring(2) + "r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a " + kind + " key", e);
        }
    }

    static String defaultSignatureAlgorithm(KeyPair issuerKey) {
        return issuerKey.getPublic().getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    }

    /** A certificate and its key. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        String subject() {
            return certificate.getSubjectX500Principal().getName();
        }
    }

    /** Root CA, intermediate CA and signer, named after {@code name}, each with a key of the given kind. */
    public record Chain(Issued root, Issued intermediate, Issued signer) {

        static Chain of(String name, String rootKey, String intermediateKey, String signerKey) {
            Issued root = new Spec(name + " root", rootKey).selfSigned();
            Issued intermediate = new Spec(name + " intermediate", intermediateKey).issuedBy(root);
            return new Chain(root, intermediate, Spec.signer(name + " signer", signerKey).issuedBy(intermediate));
        }

        public static Chain rsa(String name) {
            return of(name, "RSA-3072", "RSA-2048", "RSA-2048");
        }

        /** The same root and intermediate with another signer. */
        Chain withSigner(Issued other) {
            return new Chain(root, intermediate, other);
        }

        public X509Certificate[] withoutRoot() {
            return new X509Certificate[] { signer.certificate(), intermediate.certificate() };
        }

        X509Certificate[] withRoot() {
            return new X509Certificate[] { signer.certificate(), intermediate.certificate(), root.certificate() };
        }

        public List<X509Certificate> anchors() {
            return List.of(root.certificate());
        }
    }

    /** A certificate to make; defaults: a CA valid from {@link #NOT_BEFORE} to {@link #NOT_AFTER}. */
    static final class Spec {
        private final String commonName;
        private final KeyPair keys;
        private Instant notBefore = NOT_BEFORE;
        private Instant notAfter = NOT_AFTER;
        private Boolean ca = Boolean.TRUE;
        private Integer keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
        private String signatureAlgorithm;

        Spec(String commonName, String keyKind) {
            this.commonName = commonName;
            this.keys = key(keyKind);
        }

        /** An end-entity signer: CA=false, key usage digitalSignature. */
        static Spec signer(String commonName, String keyKind) {
            return new Spec(commonName, keyKind).ca(false).keyUsage(KeyUsage.digitalSignature);
        }

        Spec valid(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** null leaves basic constraints out. */
        Spec ca(Boolean value) {
            this.ca = value;
            return this;
        }

        /** null leaves key usage out. */
        Spec keyUsage(Integer bits) {
            this.keyUsage = bits;
            return this;
        }

        Spec signedWith(String algorithm) {
            this.signatureAlgorithm = algorithm;
            return this;
        }

        Issued selfSigned() {
            return issue(null);
        }

        Issued issuedBy(Issued issuer) {
            return issue(issuer);
        }

        private Issued issue(Issued issuer) {
            X500Name subject = new X500Name("CN=" + commonName + ",O=kprov tests");
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            KeyPair signing = issuer == null ? keys : issuer.keys();
            String algorithm = signatureAlgorithm != null ? signatureAlgorithm : defaultSignatureAlgorithm(signing);
            try {
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        subject, keys.getPublic());
                JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()));
                if (ca != null) {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                }
                if (keyUsage != null) {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                }
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder
                        .build(new JcaContentSignerBuilder(algorithm).setProvider(BC).build(signing.getPrivate())));
                return new Issued(certificate, keys);
            } catch (Exception e) {
                throw new IllegalStateException("cannot issue " + commonName, e);
            }
        }
    }
}
