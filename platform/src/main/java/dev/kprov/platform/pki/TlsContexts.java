package dev.kprov.platform.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS client contexts that trust given CA certificates only (host names are still verified by the client). */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SSLContext trusting(List<X509Certificate> anchors) throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("ca-" + i, anchors.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /** The JVM's default trust anchors. */
    public static SSLContext jvmDefault() throws GeneralSecurityException {
        return SSLContext.getDefault();
    }
}
