package dev.kprov.platform.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;

/** The key types the platform generates: both satisfy the signer policy of PROTOCOL.md section 6.1. */
public enum KeyAlgorithm {
    /** RSA, 2048-bit modulus, signatures SHA256withRSA (PKCS#1 v1.5). */
    RSA_2048,
    /** ECDSA on NIST P-256, signatures SHA256withECDSA. */
    EC_P256;

    /** Parses {@code rsa}, {@code rsa-2048}, {@code ec}, {@code ec-p256} (any case). */
    public static KeyAlgorithm parse(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "rsa":
            case "rsa-2048":
            case "rsa_2048":
                return RSA_2048;
            case "ec":
            case "ec-p256":
            case "ec_p256":
            case "p-256":
                return EC_P256;
            default:
                throw new IllegalArgumentException("key algorithm '" + text + "': expected rsa-2048 or ec-p256");
        }
    }

    KeyPair generate(SecureRandom random) throws GeneralSecurityException {
        if (this == RSA_2048) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            return generator.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    /** The SHA-256 signature algorithm name for a private key of either family (RSA or EC of any size). */
    static String signatureAlgorithm(PrivateKey key) {
        if (key instanceof RSAKey) {
            return "SHA256withRSA";
        }
        if (key instanceof ECKey) {
            return "SHA256withECDSA";
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm() + ": expected RSA or EC");
    }
}
