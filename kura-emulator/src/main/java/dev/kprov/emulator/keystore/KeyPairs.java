package dev.kprov.emulator.keystore;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore.PrivateKeyEntry;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.spec.AlgorithmParameterSpec;
import java.time.Instant;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.operator.OperatorCreationException;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;

/** New key pairs for {@code KeystoreService.createKeyPair}: the pair and its self-signed certificate. */
final class KeyPairs {

    /** How the generator is set up: a key size or an {@link AlgorithmParameterSpec}. */
    @FunctionalInterface
    interface Initializer {
        void initialize(KeyPairGenerator generator, SecureRandom random) throws GeneralSecurityException;
    }

    private KeyPairs() {
    }

    static Initializer keySize(int keySize) {
        return (generator, random) -> {
            try {
                generator.initialize(keySize, random);
            } catch (InvalidParameterException e) {
                throw new InvalidAlgorithmParameterException("key size " + keySize + " is not supported", e);
            }
        };
    }

    static Initializer parameters(AlgorithmParameterSpec spec) throws KuraException {
        Checks.present("algorithmParameter", spec);
        return (generator, random) -> generator.initialize(spec, random);
    }

    /**
     * A new key pair of {@code algorithm} (a JCA name: {@code RSA}, {@code EC}, {@code Ed25519}...) with a
     * self-signed certificate whose subject and issuer are {@code attributes}, an RFC 2253 distinguished
     * name such as {@code CN=device-1, O=Example} read as {@link X500Principal} reads it.
     */
    static PrivateKeyEntry create(String algorithm, Initializer initializer, String signatureAlgorithm,
            String attributes, SecureRandom random) throws KuraException {
        Checks.text("algorithm", algorithm);
        Checks.text("signatureAlgorithm", signatureAlgorithm);
        X500Principal subject = subject(attributes);
        Checks.present("secureRandom", random);

        KeyPair keyPair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            initializer.initialize(generator, random);
            keyPair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e, "key algorithm '" + algorithm + "' is not available");
        } catch (GeneralSecurityException | InvalidParameterException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e,
                    "key parameters for algorithm '" + algorithm + "' are not valid: " + e.getMessage());
        }
        try {
            Certificate certificate = BcCertificates.selfSigned(keyPair, subject, signatureAlgorithm, random,
                    Instant.now());
            return new PrivateKeyEntry(keyPair.getPrivate(), new Certificate[] { certificate });
        } catch (IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e,
                    "signature algorithm '" + signatureAlgorithm + "' is not known");
        } catch (OperatorCreationException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e,
                    "signature algorithm '" + signatureAlgorithm + "' cannot sign with a " + algorithm + " key");
        } catch (CertificateException e) {
            throw new KuraException(KuraErrorCode.ENCODE_ERROR, e, "the self-signed certificate could not be encoded");
        }
    }

    static X500Principal subject(String attributes) throws KuraException {
        Checks.text("attributes", attributes);
        try {
            return new X500Principal(attributes);
        } catch (IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e, "attributes '" + attributes
                    + "' is not a distinguished name such as 'CN=device-1, O=Example'");
        }
    }
}
