package dev.kprov.platform.pki;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;

/**
 * The embedded broker's TLS key and certificate chain (server certificate first; the last one is what a
 * gateway must trust). {@link #toString()} names the server certificate only.
 */
public final class BrokerIdentity {

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    BrokerIdentity(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty broker certificate chain");
        }
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    /** The top of the chain: what a gateway must trust for TLS ({@code broker-ca.pem}). */
    public X509Certificate caCertificate() {
        return chain.get(chain.size() - 1);
    }

    public String caPem() {
        return Pem.certificates(List.of(caCertificate()));
    }

    /** Key managers over an in-memory key store, for a TLS server. */
    public KeyManagerFactory keyManagers() throws GeneralSecurityException {
        try {
            // Only lives in memory, but PKCS#12 wants a password: a random one.
            char[] password = java.util.UUID.randomUUID().toString().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("broker", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build the broker key store: " + e.getMessage(), e);
        }
    }

    PrivateKey privateKey() {
        return key;
    }

    @Override
    public String toString() {
        return "BrokerIdentity[" + chain.get(0).getSubjectX500Principal().getName() + "]";
    }
}
