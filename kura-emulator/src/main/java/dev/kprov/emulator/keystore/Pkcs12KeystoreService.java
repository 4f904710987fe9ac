package dev.kprov.emulator.keystore;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.KeyStore.Entry;
import java.security.KeyStore.PrivateKeyEntry;
import java.security.KeyStore.SecretKeyEntry;
import java.security.KeyStore.TrustedCertificateEntry;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SecureRandom;
import java.security.cert.CRL;
import java.security.cert.CertStore;
import java.security.cert.X509CRL;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.operator.OperatorCreationException;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.security.keystore.KeystoreChangedEvent;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kura's {@code SSLKeystore}: a {@link KeystoreService} over one PKCS#12 file, as Kura's filesystem keystore
 * behaves. Under DS the file is {@value #PATH_PROPERTY} (default: {@value #DEFAULT_FILE_NAME} in the
 * bundle's data area) and its password {@value #PASSWORD_PROPERTY} (default {@value #DEFAULT_PASSWORD}),
 * both framework properties; in plain Java they are constructor arguments. A missing file is created
 * empty.
 * <p>
 * Every change is written to the file atomically (temporary file, fsync, rename) before the method
 * returns, and then a {@link KeystoreChangedEvent} from {@value #PID} is posted through EventAdmin when
 * one is bound. A change whose write fails is undone in memory too and reported as {@code IO_ERROR}.
 * Key entries are protected with the keystore password. As in every PKCS#12 keystore, aliases are
 * case-insensitive and listed in lower case. {@link #getEntry} returns {@code null} for an alias with
 * no entry and {@link #deleteEntry} of such an alias does nothing, as in Kura. CRLs are held in memory
 * only. Thread safe: one lock guards the keystore and its file; key generation runs outside it.
 */
@Component(service = KeystoreService.class, property = "kura.service.pid=" + Pkcs12KeystoreService.PID)
public final class Pkcs12KeystoreService implements KeystoreService {

    /** The {@code kura.service.pid} of Kura's keystore for TLS, which the SSL manager targets. */
    public static final String PID = "SSLKeystore";
    /** Framework property: the PKCS#12 file, created empty when missing. */
    public static final String PATH_PROPERTY = "kprov.emulator.keystore.path";
    /** Framework property: the password of the file and of its key entries. */
    public static final String PASSWORD_PROPERTY = "kprov.emulator.keystore.password";
    /** The password when {@value #PASSWORD_PROPERTY} is not set (the emulator is never on a gateway). */
    public static final String DEFAULT_PASSWORD = "kprov-emulator";
    /** The file, in the bundle's data area, when {@value #PATH_PROPERTY} is not set. */
    public static final String DEFAULT_FILE_NAME = "SSLKeystore.p12";

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs12KeystoreService.class);

    private final StoredKeystore store;
    private final CrlList crls = new CrlList();
    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();

    /** For DS: file and password from the framework properties (see the class comment). */
    @Activate
    public Pkcs12KeystoreService(BundleContext context) throws KuraException {
        this(pathOf(context), passwordOf(context));
    }

    /**
     * For plain Java use: the keystore in {@code file} (created empty, folders included, when missing),
     * opened with {@code password}, which is copied.
     *
     * @throws KuraException {@code SECURITY_EXCEPTION} when the file is not a PKCS#12 keystore with this
     *             password, {@code IO_ERROR} when it cannot be read or created
     */
    public Pkcs12KeystoreService(Path file, char[] password) throws KuraException {
        this.store = StoredKeystore.open(Objects.requireNonNull(file, "file"),
                Objects.requireNonNull(password, "password"));
        LOG.info("{}: keystore {} opened", PID, store.path());
    }

    private static Path pathOf(BundleContext context) throws KuraException {
        String configured = context.getProperty(PATH_PROPERTY);
        if (configured != null && !configured.trim().isEmpty()) {
            return Path.of(configured.trim());
        }
        File dataFile = context.getDataFile(DEFAULT_FILE_NAME);
        if (dataFile == null) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR,
                    PATH_PROPERTY + " is not set and the framework gives this bundle no data area");
        }
        return dataFile.toPath();
    }

    private static char[] passwordOf(BundleContext context) {
        String configured = context.getProperty(PASSWORD_PROPERTY);
        return (configured == null ? DEFAULT_PASSWORD : configured).toCharArray();
    }

    /** The keystore file. */
    public Path getPath() {
        return store.path();
    }

    /** Binds the EventAdmin that {@link KeystoreChangedEvent}s are posted to (optional, dynamic). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetEventAdmin")
    public void setEventAdmin(EventAdmin eventAdmin) {
        this.eventAdmin.set(eventAdmin);
    }

    /** Unbinds {@code eventAdmin} if it is the one bound. */
    public void unsetEventAdmin(EventAdmin eventAdmin) {
        this.eventAdmin.compareAndSet(eventAdmin, null);
    }

    /**
     * A copy of the keystore, loaded with the keystore password (as Kura loads it from its file on each
     * call). Changes to the copy are not kept: use {@link #setEntry} and {@link #deleteEntry}.
     */
    @Override
    public KeyStore getKeyStore() throws KuraException {
        return store.copy();
    }

    @Override
    public Entry getEntry(String alias) throws KuraException {
        return store.entry(Checks.alias(alias));
    }

    @Override
    public void setEntry(String alias, Entry entry) throws KuraException {
        Checks.alias(alias);
        Checks.present("entry for alias '" + alias + "'", entry);
        final boolean keyEntry = entry instanceof PrivateKeyEntry || entry instanceof SecretKeyEntry;
        if (!keyEntry && !(entry instanceof TrustedCertificateEntry)) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, "alias '" + alias + "': unsupported entry type "
                    + entry.getClass().getName()
                    + "; a PKCS#12 keystore holds PrivateKeyEntry, SecretKeyEntry and TrustedCertificateEntry");
        }
        // Trusted certificates are not password protected in PKCS#12, key entries are.
        change("entry '" + alias + "' set", (keyStore, keyProtection) -> {
            keyStore.setEntry(alias, entry, keyEntry ? keyProtection : null);
            return true;
        });
    }

    /** All entries by alias, in a new map the caller owns. */
    @Override
    public Map<String, Entry> getEntries() throws KuraException {
        return store.entries();
    }

    @Override
    public void deleteEntry(String alias) throws KuraException {
        Checks.alias(alias);
        change("entry '" + alias + "' deleted", (keyStore, keyProtection) -> {
            if (!keyStore.containsAlias(alias)) {
                return false;
            }
            keyStore.deleteEntry(alias);
            return true;
        });
    }

    /** The aliases, in lower case, in a new list the caller owns. */
    @Override
    public List<String> getAliases() throws KuraException {
        return store.aliases();
    }

    /** Key managers over a copy of the keystore: later changes need new key managers. */
    @Override
    public List<KeyManager> getKeyManagers(String algorithm) throws KuraException {
        Checks.text("algorithm", algorithm);
        try {
            return store.keyManagers(KeyManagerFactory.getInstance(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e,
                    "key manager algorithm '" + algorithm + "' is not available");
        }
    }

    @Override
    public List<KeyManager> getKeyManagers(String algorithm, String provider) throws KuraException {
        Checks.text("algorithm", algorithm);
        Checks.text("provider", provider);
        try {
            return store.keyManagers(KeyManagerFactory.getInstance(algorithm, provider));
        } catch (NoSuchAlgorithmException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e,
                    "key manager algorithm '" + algorithm + "' is not available from provider '" + provider + "'");
        } catch (NoSuchProviderException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e, "security provider '" + provider + "' is not installed");
        }
    }

    @Override
    public void createKeyPair(String alias, String algorithm, int keySize, String signatureAlgorithm,
            String attributes) throws KuraException {
        createKeyPair(alias, algorithm, keySize, signatureAlgorithm, attributes, new SecureRandom());
    }

    @Override
    public void createKeyPair(String alias, String algorithm, int keySize, String signatureAlgorithm,
            String attributes, SecureRandom secureRandom) throws KuraException {
        Checks.alias(alias);
        setEntry(alias, KeyPairs.create(algorithm, KeyPairs.keySize(keySize), signatureAlgorithm, attributes,
                secureRandom));
    }

    @Override
    public void createKeyPair(String alias, String algorithm, AlgorithmParameterSpec algorithmParameter,
            String signatureAlgorithm, String attributes, SecureRandom secureRandom) throws KuraException {
        Checks.alias(alias);
        setEntry(alias, KeyPairs.create(algorithm, KeyPairs.parameters(algorithmParameter), signatureAlgorithm,
                attributes, secureRandom));
    }

    @Override
    public void createKeyPair(String alias, String algorithm, AlgorithmParameterSpec algorithmParameter,
            String signatureAlgorithm, String attributes) throws KuraException {
        createKeyPair(alias, algorithm, algorithmParameter, signatureAlgorithm, attributes, new SecureRandom());
    }

    @Override
    public String getCSR(KeyPair keyPair, X500Principal principal, String signerAlg) throws KuraException {
        Checks.present("keyPair", keyPair);
        Checks.present("keyPair's private key", keyPair.getPrivate());
        Checks.present("keyPair's public key", keyPair.getPublic());
        Checks.present("principal", principal);
        Checks.text("signerAlg", signerAlg);
        try {
            return BcCertificates.csrPem(keyPair, principal, signerAlg);
        } catch (IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e, "signature algorithm '" + signerAlg + "' is not known");
        } catch (OperatorCreationException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e, "signature algorithm '" + signerAlg
                    + "' cannot sign with a " + keyPair.getPrivate().getAlgorithm() + " key");
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.ENCODE_ERROR, e, "the CSR could not be encoded");
        }
    }

    @Override
    public String getCSR(String alias, X500Principal principal, String signerAlg) throws KuraException {
        Entry entry = getEntry(alias);
        if (entry == null) {
            throw new KuraException(KuraErrorCode.NOT_FOUND, "no entry under alias '" + alias + "'");
        }
        if (!(entry instanceof PrivateKeyEntry)) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST,
                    "alias '" + alias + "' holds a " + entry.getClass().getSimpleName() + ", not a key pair");
        }
        PrivateKeyEntry keyEntry = (PrivateKeyEntry) entry;
        return getCSR(new KeyPair(keyEntry.getCertificate().getPublicKey(), keyEntry.getPrivateKey()), principal,
                signerAlg);
    }

    /** The CRLs added with {@link #addCRL}, held in memory (not in the file). */
    @Override
    public Collection<CRL> getCRLs() throws KuraException {
        return crls.all();
    }

    @Override
    public CertStore getCRLStore() throws KuraException {
        try {
            return crls.certStore();
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.SECURITY_EXCEPTION, e, "the CRL store cannot be made");
        }
    }

    /** Adds {@code crl} in memory, replacing an older CRL of the same issuer, and posts a change. */
    @Override
    public void addCRL(X509CRL crl) throws KuraException {
        Checks.present("crl", crl);
        boolean added;
        try {
            added = crls.add(crl);
        } catch (IllegalStateException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, e, e.getMessage());
        }
        if (added) {
            LOG.info("{}: CRL of {} added", PID, crl.getIssuerX500Principal());
            postChanged();
        }
    }

    private void change(String what, StoredKeystore.Change change) throws KuraException {
        if (store.change(what, change)) {
            LOG.info("{}: {}", PID, what);
            postChanged();
        }
    }

    private void postChanged() {
        EventAdmin admin = eventAdmin.get();
        if (admin == null) {
            return;
        }
        try {
            admin.postEvent(new KeystoreChangedEvent(PID));
        } catch (RuntimeException e) {
            LOG.warn("{}: keystore change could not be posted: {}", PID, e.toString());
            LOG.debug("{}: posting the keystore change failed", PID, e);
        }
    }

    @Override
    public String toString() {
        return "Pkcs12KeystoreService[" + store.path() + "]";
    }
}
