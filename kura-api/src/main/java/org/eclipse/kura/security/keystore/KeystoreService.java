package org.eclipse.kura.security.keystore;

import java.security.KeyPair;
import java.security.KeyStore;
import java.security.KeyStore.Entry;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.CertStore;
import java.security.cert.X509CRL;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.security.auth.x500.X500Principal;

import org.eclipse.kura.KuraException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A Kura-managed keystore (Kura 5.6 member set).
 *
 * @since 2.2
 */
@ProviderType
public interface KeystoreService {

    KeyStore getKeyStore() throws KuraException;

    Entry getEntry(String alias) throws KuraException;

    void setEntry(String alias, Entry entry) throws KuraException;

    Map<String, Entry> getEntries() throws KuraException;

    void deleteEntry(String alias) throws KuraException;

    List<KeyManager> getKeyManagers(String algorithm) throws KuraException;

    /** @since 2.8 */
    // since Kura 5.6 (API 2.8): never call on a Kura 5.0 gateway
    List<KeyManager> getKeyManagers(String algorithm, String provider) throws KuraException;

    void createKeyPair(String alias, String algorithm, int keySize, String signatureAlgorithm, String attributes)
            throws KuraException;

    void createKeyPair(String alias, String algorithm, int keySize, String signatureAlgorithm, String attributes,
            SecureRandom secureRandom) throws KuraException;

    /** @since 2.4 */
    // since Kura 5.2 (API 2.4): never call on a Kura 5.0 gateway
    void createKeyPair(String alias, String algorithm, AlgorithmParameterSpec algorithmParameter,
            String signatureAlgorithm, String attributes, SecureRandom secureRandom) throws KuraException;

    /** @since 2.4 */
    // since Kura 5.2 (API 2.4): never call on a Kura 5.0 gateway
    void createKeyPair(String alias, String algorithm, AlgorithmParameterSpec algorithmParameter,
            String signatureAlgorithm, String attributes) throws KuraException;

    String getCSR(KeyPair keyPair, X500Principal principal, String signerAlg) throws KuraException;

    String getCSR(String alias, X500Principal principal, String signerAlg) throws KuraException;

    List<String> getAliases() throws KuraException;

    Collection<CRL> getCRLs() throws KuraException;

    CertStore getCRLStore() throws KuraException;

    /** @since 2.4 */
    // since Kura 5.2 (API 2.4): never call on a Kura 5.0 gateway
    void addCRL(X509CRL crl) throws KuraException;
}
