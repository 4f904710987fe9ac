package dev.kprov.platform.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Loads production keys: the signer from PKCS#12 or PEM, the broker's TLS key from PKCS#12. */
public final class KeyMaterial {

    /** A key store of a few keys and certificates; anything larger is not one. */
    private static final long MAX_KEY_STORE_BYTES = 1024 * 1024;

    private KeyMaterial() {
    }

    /** The first private key entry of a PKCS#12 file and its chain. */
    public static SignerIdentity loadSignerPkcs12(Path file, char[] password) throws KeyMaterialException {
        Entry entry = readPkcs12(file, password);
        return SignerIdentity.of(entry.key, entry.chain, file.toString());
    }

    /** An unencrypted PEM private key, and a PEM file with the signer certificate first, then its issuers. */
    public static SignerIdentity loadSignerPem(Path keyFile, Path chainFile) throws KeyMaterialException {
        PrivateKey key = Pem.readPrivateKey(keyFile);
        return SignerIdentity.of(key, Pem.readCertificates(chainFile), chainFile.toString());
    }

    /** The first private key entry of a PKCS#12 file and its chain, for the embedded broker's TLS. */
    public static BrokerIdentity loadBrokerPkcs12(Path file, char[] password) throws KeyMaterialException {
        Entry entry = readPkcs12(file, password);
        return new BrokerIdentity(entry.key, entry.chain);
    }

    private static final class Entry {
        final PrivateKey key;
        final List<X509Certificate> chain;

        Entry(PrivateKey key, List<X509Certificate> chain) {
            this.key = key;
            this.chain = chain;
        }
    }

    private static Entry readPkcs12(Path file, char[] password) throws KeyMaterialException {
        KeyStore store;
        try {
            if (Files.size(file) > MAX_KEY_STORE_BYTES) {
                throw new KeyMaterialException(file + ": larger than " + MAX_KEY_STORE_BYTES + " bytes, not a key store");
            }
            store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
        } catch (IOException | GeneralSecurityException e) {
            // The JDK says "keystore password was incorrect" for a wrong password: no secret in it.
            throw new KeyMaterialException(file + ": cannot open the PKCS#12 key store (" + e.getMessage() + ")", e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] certificates = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey) || certificates == null || certificates.length == 0) {
                    continue;
                }
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate certificate : certificates) {
                    chain.add((X509Certificate) certificate);
                }
                return new Entry((PrivateKey) key, chain);
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new KeyMaterialException(file + ": cannot read its private key entry (" + e.getMessage() + ")", e);
        }
        throw new KeyMaterialException(file + ": holds no private key with a certificate chain");
    }
}
