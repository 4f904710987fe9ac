package dev.kprov.agent.trust;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

import dev.kprov.agent.trust.TrustException.Kind;

/**
 * The algorithm part of the signer policy (PROTOCOL.md section 6.1): SHA-256 or stronger digests,
 * signatures by RSA PKCS#1 v1.5, RSASSA-PSS or ECDSA, RSA keys of 2048 bits or more, EC keys on P-256 or
 * P-384. The same key and digest rules apply to every certificate of the package's chain: a weak issuer
 * would make the strong signer worthless.
 */
final class AlgorithmPolicy {

    static final int MIN_RSA_BITS = 2048;
    /** Bounds the work one verification can cost; real keys are far below both. */
    static final int MAX_RSA_BITS = 16384;
    private static final int MAX_RSA_EXPONENT_BITS = 64;
    /** An ECDSA-Sig-Value on P-384 takes at most 104 bytes; anything much longer is not one. */
    private static final int MAX_ECDSA_SIGNATURE_BYTES = 160;

    private static final Set<ASN1ObjectIdentifier> DIGESTS = set(NISTObjectIdentifiers.id_sha256,
            NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);
    private static final Set<ASN1ObjectIdentifier> RSA_SIGNATURES = set(PKCSObjectIdentifiers.rsaEncryption,
            PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption);
    private static final Set<ASN1ObjectIdentifier> ECDSA_SIGNATURES = set(X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512);
    private static final Set<ASN1ObjectIdentifier> CURVES = set(SECObjectIdentifiers.secp256r1,
            SECObjectIdentifiers.secp384r1);

    private AlgorithmPolicy() {
    }

    /** The digest and signature algorithms of the package's signer: SIGNATURE_INVALID when refused. */
    static void checkSigner(SignerInformation signer) throws TrustException {
        AlgorithmIdentifier digest = signer.getDigestAlgorithmID();
        if (!DIGESTS.contains(digest.getAlgorithm())) {
            throw invalid("the package is signed with digest " + name(digest.getAlgorithm())
                    + "; SHA-256, SHA-384 or SHA-512 is required");
        }
        AlgorithmIdentifier signature = signer.toASN1Structure().getDigestEncryptionAlgorithm();
        ASN1ObjectIdentifier oid = signature.getAlgorithm();
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
            checkPss(signature.getParameters(), "the package's RSASSA-PSS signature");
        } else if (ECDSA_SIGNATURES.contains(oid) || X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            if (signer.getSignature().length > MAX_ECDSA_SIGNATURE_BYTES) {
                throw invalid("the package's ECDSA signature is " + signer.getSignature().length
                        + " bytes long, which no allowed curve produces");
            }
        } else if (!RSA_SIGNATURES.contains(oid)) {
            throw invalid("the package is signed with " + name(oid)
                    + "; only RSA PKCS#1 v1.5, RSASSA-PSS or ECDSA with SHA-256 or stronger are accepted");
        }
    }

    /** How a certificate of the chain was signed by its issuer: UNTRUSTED_CHAIN when the digest is weak. */
    static void checkCertificateSignature(X509CertificateHolder holder, String subject) throws TrustException {
        AlgorithmIdentifier signature = holder.getSignatureAlgorithm();
        ASN1ObjectIdentifier oid = signature.getAlgorithm();
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(oid)) {
            try {
                checkPss(signature.getParameters(), "the RSASSA-PSS signature on certificate " + subject);
            } catch (TrustException e) {
                throw untrusted(e.getMessage());
            }
            return;
        }
        // bare rsaEncryption names a key, not a certificate signature algorithm
        boolean allowed = ECDSA_SIGNATURES.contains(oid)
                || RSA_SIGNATURES.contains(oid) && !PKCSObjectIdentifiers.rsaEncryption.equals(oid);
        if (!allowed) {
            throw untrusted("certificate " + subject + " is signed by its issuer with " + name(oid)
                    + "; RSA or ECDSA with SHA-256 or stronger is required");
        }
    }

    /** The key of a certificate of the chain: UNTRUSTED_CHAIN when weak or of another kind. */
    static void checkKey(X509CertificateHolder holder, String subject) throws TrustException {
        SubjectPublicKeyInfo key = holder.getSubjectPublicKeyInfo();
        ASN1ObjectIdentifier type = key.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(type) || PKCSObjectIdentifiers.id_RSASSA_PSS.equals(type)) {
            RSAPublicKey rsa = rsaKey(key, subject);
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw untrusted("certificate " + subject + " has an RSA key of " + bits + " bits; at least "
                        + MIN_RSA_BITS + " are required");
            }
            if (bits > MAX_RSA_BITS || rsa.getPublicExponent().bitLength() > MAX_RSA_EXPONENT_BITS) {
                throw untrusted("certificate " + subject + " has an RSA key of " + bits + " bits with a "
                        + rsa.getPublicExponent().bitLength() + "-bit exponent; at most " + MAX_RSA_BITS
                        + " and " + MAX_RSA_EXPONENT_BITS + " are accepted");
            }
        } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(type)) {
            ASN1Encodable curve = key.getAlgorithm().getParameters();
            if (!(curve instanceof ASN1ObjectIdentifier) || !CURVES.contains(curve)) {
                String named = curve instanceof ASN1ObjectIdentifier ? curveName((ASN1ObjectIdentifier) curve)
                        : "explicit curve parameters";
                throw untrusted("certificate " + subject + " has an EC key on " + named
                        + "; only P-256 and P-384 are accepted");
            }
        } else {
            throw untrusted("certificate " + subject + " has a " + name(type)
                    + " key; only RSA and EC (P-256, P-384) keys are accepted");
        }
    }

    private static RSAPublicKey rsaKey(SubjectPublicKeyInfo key, String subject) throws TrustException {
        try {
            // not getPublicKeyData(): its return type changed after 1.65, a NoSuchMethodError on newer BC
            ASN1Encodable bits = ASN1Sequence.getInstance(key.toASN1Primitive()).getObjectAt(1);
            byte[] encoded = ((ASN1BitString) bits.toASN1Primitive()).getOctets();
            DerShape.check(encoded, "the RSA key of certificate " + subject);
            return RSAPublicKey.getInstance(encoded);
        } catch (TrustException | RuntimeException e) {
            throw new TrustException(Kind.UNTRUSTED_CHAIN,
                    "certificate " + subject + " has an RSA key that cannot be read", e);
        }
    }

    private static void checkPss(ASN1Encodable parameters, String what) throws TrustException {
        if (parameters == null || DERNull.INSTANCE.equals(parameters)) {
            throw invalid(what + " uses the default parameters (SHA-1); SHA-256 or stronger is required");
        }
        ASN1ObjectIdentifier hash;
        AlgorithmIdentifier mgf;
        ASN1ObjectIdentifier mgfHash;
        try {
            // BouncyCastle reads the nested parameters as they are used: any of these may find them malformed
            RSASSAPSSparams pss = RSASSAPSSparams.getInstance(parameters);
            hash = pss.getHashAlgorithm().getAlgorithm();
            mgf = pss.getMaskGenAlgorithm();
            mgfHash = PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm()) && mgf.getParameters() != null
                    ? AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm()
                    : null;
        } catch (RuntimeException e) {
            throw new TrustException(Kind.SIGNATURE_INVALID, what + " has unreadable parameters", e);
        }
        if (!DIGESTS.contains(hash) || mgfHash == null || !DIGESTS.contains(mgfHash)) {
            throw invalid(what + " uses " + name(hash) + " with mask generation "
                    + (mgfHash == null ? name(mgf.getAlgorithm()) : "MGF1/" + name(mgfHash))
                    + "; SHA-256 or stronger with MGF1 is required");
        }
    }

    private static String curveName(ASN1ObjectIdentifier curve) {
        if (SECObjectIdentifiers.secp521r1.equals(curve)) {
            return "P-521";
        }
        return name(curve);
    }

    private static String name(ASN1ObjectIdentifier oid) {
        return new DefaultAlgorithmNameFinder().getAlgorithmName(oid);
    }

    private static TrustException invalid(String message) {
        return new TrustException(Kind.SIGNATURE_INVALID, message);
    }

    private static TrustException untrusted(String message) {
        return new TrustException(Kind.UNTRUSTED_CHAIN, message);
    }

    private static Set<ASN1ObjectIdentifier> set(ASN1ObjectIdentifier... oids) {
        return Collections.unmodifiableSet(new HashSet<>(Arrays.asList(oids)));
    }
}
