package dev.kprov.platform.pki;

import java.security.PrivateKey;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** SHA-256 content signers for RSA and EC keys, through the JDK's own providers. */
final class Signers {

    private Signers() {
    }

    static ContentSigner contentSigner(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(KeyAlgorithm.signatureAlgorithm(key)).build(key);
    }
}
