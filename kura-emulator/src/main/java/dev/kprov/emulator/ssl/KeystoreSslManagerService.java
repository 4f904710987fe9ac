package dev.kprov.emulator.ssl;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore.Entry;
import java.security.KeyStore.PrivateKeyEntry;
import java.security.KeyStore.TrustedCertificateEntry;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.eclipse.kura.security.keystore.KeystoreService;
import org.eclipse.kura.ssl.SslManagerService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kura's SslManagerService over the {@code SSLKeystore} KeystoreService, as Kura's SSL manager behaves
 * with {@code ssl.hostname.verification=true}. Each call reads the keystore as it is then: a certificate
 * added as a {@link TrustedCertificateEntry} is trusted by the next connection, a deleted one no longer.
 * <ul>
 * <li>{@link #getSSLContext()}: a TLS context whose trust anchors are the keystore's trusted certificate
 * entries (private key entries are not trust anchors; with no trusted entry every peer is refused) and
 * whose keys are its private key entries, or only the one of {@code keyAlias}. The context's own defaults
 * are the JDK's (TLS 1.0 and 1.1 are disabled by Java 17).</li>
 * <li>{@link #getSSLSocketFactory()}: sockets from such a context that speak TLSv1.3 and TLSv1.2 only and
 * verify the server's host name (endpoint identification {@code HTTPS}).</li>
 * <li>The deprecated explicit-store {@code getSSLSocketFactory} overloads honour protocol, cipher suites
 * (comma separated), key alias and host name verification over the same keystore; an explicit trust
 * store or key store path is refused with {@link UnsupportedOperationException}: the emulator keeps its
 * certificates in the KeystoreService only. Their key store password is ignored.</li>
 * <li>The deprecated certificate methods work on the keystore's entries; {@link #installPrivateKey}
 * stores the key under the keystore's own password, ignoring the one given.</li>
 * </ul>
 * Keystore failures surface as {@link IOException} (the keystore's {@code IO_ERROR}) or
 * {@link KeyStoreException} (anything else).
 */
@Component(service = SslManagerService.class, property = "kura.service.pid=" + KeystoreSslManagerService.PID)
public final class KeystoreSslManagerService implements SslManagerService {

    /** Kura's PID (and factory PID) of the SSL manager. */
    public static final String PID = "org.eclipse.kura.ssl.SslManagerService";
    /** The DS reference name; its target is set, as in Kura, with the {@code KeystoreService.target} property. */
    public static final String KEYSTORE_REFERENCE = "KeystoreService";
    /** The keystore Kura's SSL manager uses. */
    public static final String KEYSTORE_TARGET = "(kura.service.pid=SSLKeystore)";

    private static final Logger LOG = LoggerFactory.getLogger(KeystoreSslManagerService.class);

    private final KeystoreService keystore;

    /** For DS and plain Java alike: the SSL manager over {@code keystore}. */
    @Activate
    public KeystoreSslManagerService(
            @Reference(name = KEYSTORE_REFERENCE, target = KEYSTORE_TARGET) KeystoreService keystore) {
        this.keystore = Objects.requireNonNull(keystore, "keystore");
    }

    @Override
    public SSLContext getSSLContext() throws GeneralSecurityException, IOException {
        return context(null);
    }

    /**
     * As {@link #getSSLContext()}, authenticating with the private key entry {@code keyAlias} only (with all
     * of them when null or empty).
     *
     * @throws KeyStoreException when the keystore has no private key entry under {@code keyAlias}
     */
    @Override
    public SSLContext getSSLContext(String keyAlias) throws GeneralSecurityException, IOException {
        return context(keyAlias);
    }

    private SSLContext context(String keyAlias) throws GeneralSecurityException, IOException {
        TlsContexts.Made made = TlsContexts.create(keystore, isEmpty(keyAlias) ? null : keyAlias.trim());
        LOG.debug("{}: TLS context with {} trusted certificates and {} key entries", PID, made.trusted, made.keys);
        return made.context;
    }

    @Override
    public SSLSocketFactory getSSLSocketFactory() throws GeneralSecurityException, IOException {
        return getSSLSocketFactory((String) null);
    }

    /** As {@link #getSSLSocketFactory()}, with the key of {@link #getSSLContext(String)}. */
    @Override
    public SSLSocketFactory getSSLSocketFactory(String keyAlias) throws GeneralSecurityException, IOException {
        return new VerifyingSocketFactory(context(keyAlias).getSocketFactory(), TlsContexts.PROTOCOLS, null, true);
    }

    /** @deprecated see {@link #getSSLSocketFactory(String, String, String, String, char[], String, boolean)} */
    @Override
    @Deprecated
    public SSLSocketFactory getSSLSocketFactory(String protocol, String cipherSuites, String trustStorePath,
            String keyStorePath, char[] keyStorePassword, String keyAlias)
            throws GeneralSecurityException, IOException {
        return getSSLSocketFactory(protocol, cipherSuites, trustStorePath, keyStorePath, keyStorePassword, keyAlias,
                true);
    }

    /**
     * Honours {@code protocol} (null or empty: TLSv1.3 and TLSv1.2), {@code cipherSuites} (comma separated;
     * null or empty: the JDK's), {@code keyAlias} and {@code hostnameVerification}, over the keystore.
     *
     * @throws UnsupportedOperationException when a trust store or key store path is given
     * @throws NoSuchAlgorithmException when the protocol or a cipher suite is not supported
     * @deprecated as in Kura: use {@link #getSSLSocketFactory(String)}
     */
    @Override
    @Deprecated
    public SSLSocketFactory getSSLSocketFactory(String protocol, String cipherSuites, String trustStorePath,
            String keyStorePath, char[] keyStorePassword, String keyAlias, boolean hostnameVerification)
            throws GeneralSecurityException, IOException {
        if (!isEmpty(trustStorePath) || !isEmpty(keyStorePath)) {
            throw new UnsupportedOperationException("explicit trust store and key store paths are not supported by "
                    + "the emulator's SslManagerService: put the certificates and keys in the " + KEYSTORE_TARGET
                    + " KeystoreService and call getSSLSocketFactory(keyAlias)");
        }
        SSLContext context = context(keyAlias);
        List<String> supportedProtocols = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        String[] protocols = isEmpty(protocol) ? TlsContexts.PROTOCOLS : new String[] { protocol.trim() };
        for (String each : protocols) {
            if (!supportedProtocols.contains(each)) {
                throw new NoSuchAlgorithmException("TLS protocol '" + each + "' is not supported");
            }
        }
        String[] suites = null;
        if (!isEmpty(cipherSuites)) {
            List<String> supportedSuites = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
            suites = Arrays.stream(cipherSuites.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toArray(String[]::new);
            for (String each : suites) {
                if (!supportedSuites.contains(each)) {
                    throw new NoSuchAlgorithmException("cipher suite '" + each + "' is not supported");
                }
            }
        }
        return new VerifyingSocketFactory(context.getSocketFactory(), protocols, suites, hostnameVerification);
    }

    /** The X.509 certificates of the keystore's trusted certificate entries. */
    @Override
    @Deprecated
    public X509Certificate[] getTrustCertificates() throws GeneralSecurityException, IOException {
        Map<String, Entry> entries = KeystoreCalls.call(keystore::getEntries);
        return TlsContexts.trustedCertificates(entries).toArray(new X509Certificate[0]);
    }

    /** Stores {@code x509crt} as the trusted certificate entry {@code alias}. */
    @Override
    @Deprecated
    public void installTrustCertificate(String alias, X509Certificate x509crt)
            throws GeneralSecurityException, IOException {
        if (x509crt == null) {
            throw new KeyStoreException("the certificate to trust under alias '" + alias + "' must not be null");
        }
        KeystoreCalls.run(() -> keystore.setEntry(alias, new TrustedCertificateEntry(x509crt)));
    }

    /** Deletes the trusted certificate entry {@code alias}; nothing when there is none. */
    @Override
    @Deprecated
    public void deleteTrustCertificate(String alias) throws GeneralSecurityException, IOException {
        Entry entry = KeystoreCalls.call(() -> keystore.getEntry(alias));
        if (entry == null) {
            return;
        }
        if (!(entry instanceof TrustedCertificateEntry)) {
            throw new KeyStoreException("alias '" + alias + "' holds a " + entry.getClass().getSimpleName()
                    + ", not a trusted certificate: it was not deleted");
        }
        KeystoreCalls.run(() -> keystore.deleteEntry(alias));
    }

    /** Stores {@code privateKey} with its chain under {@code alias}; {@code password} is not used. */
    @Override
    @Deprecated
    public void installPrivateKey(String alias, PrivateKey privateKey, char[] password, Certificate[] publicCerts)
            throws GeneralSecurityException, IOException {
        if (privateKey == null || publicCerts == null || publicCerts.length == 0) {
            throw new KeyStoreException(
                    "a private key and at least one certificate are needed for alias '" + alias + "'");
        }
        PrivateKeyEntry entry;
        try {
            entry = new PrivateKeyEntry(privateKey, publicCerts.clone());
        } catch (IllegalArgumentException e) {
            throw new KeyStoreException("the private key and certificates for alias '" + alias
                    + "' do not form a key entry: " + e.getMessage(), e);
        }
        KeystoreCalls.run(() -> keystore.setEntry(alias, entry));
    }

    private static boolean isEmpty(String value) {
        return value == null || value.trim().isEmpty();
    }

    @Override
    public String toString() {
        return "KeystoreSslManagerService@" + Integer.toHexString(System.identityHashCode(this));
    }
}
