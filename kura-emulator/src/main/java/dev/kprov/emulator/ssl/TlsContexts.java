package dev.kprov.emulator.ssl;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStore.Entry;
import java.security.KeyStore.PasswordProtection;
import java.security.KeyStore.PrivateKeyEntry;
import java.security.KeyStore.TrustedCertificateEntry;
import java.security.KeyStoreException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.eclipse.kura.security.keystore.KeystoreService;

/**
 * TLS contexts over a KeystoreService as it is at the time of the call: trust from its trusted
 * certificate entries, keys from its private key entries (only the one of a key alias when given).
 */
final class TlsContexts {

    /** What the SSL manager's sockets speak; older versions are refused. */
    static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

    private TlsContexts() {
    }

    /** What a context was made from, for the debug log. */
    static final class Made {
        final SSLContext context;
        final int trusted;
        final int keys;

        Made(SSLContext context, int trusted, int keys) {
            this.context = context;
            this.trusted = trusted;
            this.keys = keys;
        }
    }

    /**
     * A new TLS context.
     *
     * @param keyAlias the private key entry to authenticate with, or null for all of them
     * @throws KeyStoreException when {@code keyAlias} names no private key entry
     */
    static Made create(KeystoreService keystore, String keyAlias) throws GeneralSecurityException, IOException {
        Map<String, Entry> entries = KeystoreCalls.call(keystore::getEntries);
        List<X509Certificate> trusted = trustedCertificates(entries);
        KeyStore keys = inMemoryKeyStore();
        char[] keyPassword = ephemeralPassword();
        for (Map.Entry<String, Entry> each : entries.entrySet()) {
            if (each.getValue() instanceof PrivateKeyEntry
                    && (keyAlias == null || keyAlias.equalsIgnoreCase(each.getKey()))) {
                keys.setEntry(each.getKey(), each.getValue(), new PasswordProtection(keyPassword));
            }
        }
        if (keyAlias != null && keys.size() == 0) {
            throw new KeyStoreException("the keystore has no private key entry under alias '" + keyAlias + "'");
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(keys, keyPassword), trustManagers(trusted), null);
        return new Made(context, trusted.size(), keys.size());
    }

    /** The X.509 certificates of the trusted certificate entries among {@code entries}. */
    static List<X509Certificate> trustedCertificates(Map<String, Entry> entries) {
        List<X509Certificate> trusted = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry instanceof TrustedCertificateEntry) {
                Certificate certificate = ((TrustedCertificateEntry) entry).getTrustedCertificate();
                if (certificate instanceof X509Certificate) {
                    trusted.add((X509Certificate) certificate);
                }
            }
        }
        return trusted;
    }

    /** Trust managers over {@code trusted}; with none, every server is refused with a message that says why. */
    static TrustManager[] trustManagers(List<X509Certificate> trusted) throws GeneralSecurityException, IOException {
        if (trusted.isEmpty()) {
            return new TrustManager[] { new NoTrustManager() };
        }
        KeyStore anchors = inMemoryKeyStore();
        int i = 0;
        for (X509Certificate certificate : trusted) {
            anchors.setCertificateEntry("trusted-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(KeyStore keys, char[] keyPassword) throws GeneralSecurityException {
        if (keys.size() == 0) {
            // An empty array, not null: null would let JSSE look for the JVM's default key managers.
            return new KeyManager[0];
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, keyPassword);
        return factory.getKeyManagers();
    }

    private static KeyStore inMemoryKeyStore() throws GeneralSecurityException, IOException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        return keyStore;
    }

    /** Protects the keys of an in-memory keystore that lives only as long as one context. */
    private static char[] ephemeralPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('!' + random.nextInt(94));
        }
        return password;
    }

    /** The trust of a keystore without trusted certificates: nobody. */
    private static final class NoTrustManager extends X509ExtendedTrustManager {

        private static CertificateException refusal() {
            return new CertificateException("the keystore holds no trusted certificate, so no peer is trusted: "
                    + "add the CA that issued the peer's certificate as a TrustedCertificateEntry");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw refusal();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw refusal();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw refusal();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw refusal();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw refusal();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw refusal();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
