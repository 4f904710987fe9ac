package dev.kprov.platform.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The key that signs provisioning packages and its certificate chain (signer first, then each issuer up
 * to the root, which may be absent). It checks the signer policy of PROTOCOL.md section 6.1 when built,
 * so that a platform never sends a package that a gateway must reject. {@link #toString()} names the
 * signer certificate only.
 */
public final class SignerIdentity {

    /** PROTOCOL.md section 7: at most 10 certificates in the CMS set. */
    static final int MAX_CHAIN = 10;

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private SignerIdentity(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /** Checks the key against the first certificate and the chain against the signer policy. */
    public static SignerIdentity of(PrivateKey key, List<X509Certificate> chain, String source)
            throws KeyMaterialException {
        if (chain.isEmpty() || chain.size() > MAX_CHAIN) {
            throw new KeyMaterialException(source + ": the signer chain must hold 1 to " + MAX_CHAIN
                    + " certificates (holds " + chain.size() + ")");
        }
        X509Certificate signer = chain.get(0);
        checkKeyStrength(signer.getPublicKey(), source);
        checkKeyMatches(key, signer.getPublicKey(), source);
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw new KeyMaterialException(source + ": the signer certificate's key usage lacks digitalSignature");
        }
        for (int i = 1; i < chain.size(); i++) {
            X509Certificate issuer = chain.get(i);
            if (issuer.getBasicConstraints() < 0) {
                throw new KeyMaterialException(source + ": certificate " + i + " of the chain ("
                        + issuer.getSubjectX500Principal().getName() + ") is not a CA");
            }
            try {
                chain.get(i - 1).verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new KeyMaterialException(source + ": certificate " + (i - 1) + " of the chain is not signed by"
                        + " certificate " + i + " (" + issuer.getSubjectX500Principal().getName() + ")", e);
            }
        }
        return new SignerIdentity(key, chain);
    }

    /** Signer certificate first, then its issuers. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The last certificate of the chain: what a gateway adds to its trust anchors. */
    public X509Certificate root() {
        return chain.get(chain.size() - 1);
    }

    public String rootPem() {
        return Pem.certificates(List.of(root()));
    }

    /**
     * PROTOCOL.md section 6.1: CMS SignedData, DER, the content attached as id-data, one signer with a
     * SHA-256 digest, the whole chain in the certificate set.
     */
    public byte[] signCms(byte[] content) throws GeneralSecurityException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build()).build(Signers.contentSigner(key), chain.get(0)));
            generator.addCertificates(new JcaCertStore(chain));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), true);
            return signed.getEncoded("DER");
        } catch (CMSException | OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot sign the provisioning package: " + e.getMessage(), e);
        }
    }

    PrivateKey privateKey() {
        return key;
    }

    private static void checkKeyStrength(PublicKey publicKey, String source) throws KeyMaterialException {
        if (publicKey instanceof RSAPublicKey) {
            int bits = ((RSAPublicKey) publicKey).getModulus().bitLength();
            if (bits < 2048) {
                throw new KeyMaterialException(source + ": RSA signer key of " + bits + " bits; at least 2048 needed");
            }
            return;
        }
        if (publicKey instanceof ECPublicKey) {
            int bits = ((ECPublicKey) publicKey).getParams().getCurve().getField().getFieldSize();
            if (bits != 256 && bits != 384) {
                throw new KeyMaterialException(source + ": EC signer key of " + bits + " bits; P-256 or P-384 needed");
            }
            return;
        }
        throw new KeyMaterialException(source + ": signer key type " + publicKey.getAlgorithm()
                + " is not RSA or EC");
    }

    private static void checkKeyMatches(PrivateKey key, PublicKey publicKey, String source)
            throws KeyMaterialException {
        try {
            String algorithm = KeyAlgorithm.signatureAlgorithm(key);
            byte[] probe = "kprov key match probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(probe);
            byte[] signed = signature.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signed)) {
                throw new KeyMaterialException(source + ": the private key does not belong to the signer certificate");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyMaterialException(source + ": the private key does not belong to the signer certificate ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "SignerIdentity[" + chain.get(0).getSubjectX500Principal().getName() + "]";
    }
}
