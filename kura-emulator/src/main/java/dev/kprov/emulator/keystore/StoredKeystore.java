package dev.kprov.emulator.keystore;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStore.Entry;
import java.security.KeyStore.PasswordProtection;
import java.security.KeyStore.ProtectionParameter;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keystore in memory and in its file, kept equal: a change is applied in memory, written to the
 * file, and undone in memory when the write fails. One lock guards both. Key entries are protected with
 * the keystore password, which never leaves this class except into a {@link KeyManagerFactory}.
 */
final class StoredKeystore {

    /** A change to the keystore, applied under the lock. */
    @FunctionalInterface
    interface Change {
        /** Applies the change; false when there was nothing to change. */
        boolean apply(KeyStore keyStore, ProtectionParameter keyProtection) throws GeneralSecurityException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(StoredKeystore.class);

    private final KeystoreFile file;
    private final char[] password;
    private final Object lock = new Object();
    /** The keystore as in the file; guarded by {@link #lock}. */
    private KeyStore keyStore;
    /** The file's content: {@link #keyStore} encoded; guarded by {@link #lock}. */
    private byte[] committed;

    private StoredKeystore(KeystoreFile file, char[] password) {
        this.file = file;
        this.password = password.clone();
    }

    /** The keystore in {@code path}, created empty (folders included) when missing. */
    static StoredKeystore open(Path path, char[] password) throws KuraException {
        StoredKeystore stored = new StoredKeystore(new KeystoreFile(path), password);
        synchronized (stored.lock) {
            stored.load();
        }
        return stored;
    }

    private void load() throws KuraException {
        if (!file.exists()) {
            try {
                keyStore = KeystoreFile.emptyKeyStore();
                committed = KeystoreFile.encode(keyStore, password);
                file.write(committed);
                return;
            } catch (IOException | GeneralSecurityException e) {
                throw new KuraException(KuraErrorCode.IO_ERROR, e, "keystore file " + file.path() + " cannot be created");
            }
        }
        byte[] bytes;
        try {
            bytes = file.read();
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.IO_ERROR, e, "keystore file " + file.path() + " cannot be read");
        }
        try {
            keyStore = KeystoreFile.decode(bytes, password);
            committed = bytes;
        } catch (IOException | GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.SECURITY_EXCEPTION, e, "keystore file " + file.path()
                    + " cannot be opened: not a PKCS#12 keystore, or not with this password");
        }
    }

    Path path() {
        return file.path();
    }

    /** A new keystore with the current content, loaded with the keystore password. */
    KeyStore copy() throws KuraException {
        byte[] bytes;
        synchronized (lock) {
            bytes = committed;
        }
        try {
            return KeystoreFile.decode(bytes, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.SECURITY_EXCEPTION, e, "the keystore cannot be copied");
        }
    }

    /** The entry under {@code alias}, or null when there is none. */
    Entry entry(String alias) throws KuraException {
        synchronized (lock) {
            return read(alias);
        }
    }

    Map<String, Entry> entries() throws KuraException {
        synchronized (lock) {
            Map<String, Entry> entries = new HashMap<>();
            for (String alias : aliasList()) {
                entries.put(alias, read(alias));
            }
            return entries;
        }
    }

    List<String> aliases() throws KuraException {
        synchronized (lock) {
            return aliasList();
        }
    }

    private Entry read(String alias) throws KuraException {
        try {
            if (!keyStore.containsAlias(alias)) {
                return null;
            }
            ProtectionParameter protection = keyStore.isKeyEntry(alias) ? new PasswordProtection(password) : null;
            return keyStore.getEntry(alias, protection);
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.SECURITY_EXCEPTION, e, "entry '" + alias + "' cannot be read");
        }
    }

    private List<String> aliasList() throws KuraException {
        try {
            return Collections.list(keyStore.aliases());
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.SECURITY_EXCEPTION, e, "the keystore's aliases cannot be listed");
        }
    }

    /** {@code factory}'s key managers over a copy of the keystore: later changes need new ones. */
    List<KeyManager> keyManagers(KeyManagerFactory factory) throws KuraException {
        KeyStore snapshot = copy();
        try {
            factory.init(snapshot, password);
            return new ArrayList<>(Arrays.asList(factory.getKeyManagers()));
        } catch (UnrecoverableKeyException e) {
            throw new KuraException(KuraErrorCode.SECURITY_EXCEPTION, e,
                    "a key entry cannot be recovered with the keystore password");
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.SECURITY_EXCEPTION, e, "key managers cannot be made: " + e.getMessage());
        }
    }

    /**
     * Applies {@code change} and writes the file.
     *
     * @return whether anything changed
     * @throws KuraException {@code BAD_REQUEST} when the keystore rejects the change, {@code IO_ERROR} when
     *             the file cannot be written; either way nothing changed
     */
    boolean change(String what, Change change) throws KuraException {
        synchronized (lock) {
            try {
                if (!change.apply(keyStore, new PasswordProtection(password))) {
                    return false;
                }
            } catch (GeneralSecurityException e) {
                revert();
                throw new KuraException(KuraErrorCode.BAD_REQUEST, e, what + ": rejected by the keystore: " + e.getMessage());
            }
            try {
                byte[] bytes = KeystoreFile.encode(keyStore, password);
                file.write(bytes);
                committed = bytes;
                return true;
            } catch (IOException | GeneralSecurityException e) {
                revert();
                throw new KuraException(KuraErrorCode.IO_ERROR, e,
                        what + ": not kept, keystore file " + file.path() + " could not be written");
            }
        }
    }

    /** Back to the content of the file after a change that could not be kept; called under the lock. */
    private void revert() {
        try {
            keyStore = KeystoreFile.decode(committed, password);
        } catch (IOException | GeneralSecurityException e) {
            // The same bytes decoded before with the same password: only a broken JCA gets here.
            LOG.error("keystore {} could not be restored after a failed change", file.path(), e);
        }
    }

    @Override
    public String toString() {
        return "StoredKeystore[" + file.path() + "]";
    }
}
