package dev.kprov.emulator.configuration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.configuration.metatype.AD;
import org.eclipse.kura.configuration.metatype.OCD;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.eclipse.kura.crypto.CryptoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passwords between their two forms, as Kura keeps them: in ConfigurationAdmin (and snapshots) a String
 * encrypted with the CryptoService; towards callers of {@code getComponentConfiguration} a {@link Password}
 * holding the clear characters. Nothing here logs or reports a value.
 */
final class Passwords {

    private static final Logger LOG = LoggerFactory.getLogger(Passwords.class);

    private final CryptoService crypto;

    Passwords(CryptoService crypto) {
        this.crypto = crypto;
    }

    /** Whether {@code chars} decrypt with this gateway's key, that is, are already encrypted. */
    boolean isEncrypted(char[] chars) {
        try {
            char[] clear = crypto.decryptAes(chars);
            if (clear != null) {
                Arrays.fill(clear, '\0');
                return true;
            }
            return false;
        } catch (KuraException | RuntimeException e) {
            return false;
        }
    }

    /** The stored form of one password: {@code chars} as they are when they already decrypt, else encrypted. */
    String stored(char[] chars) throws KuraException {
        return isEncrypted(chars) ? new String(chars) : new String(crypto.encryptAes(chars));
    }

    /** Encrypts {@code clear} whatever it looks like: for values known to be clear text. */
    String encrypt(char[] clear) throws KuraException {
        return new String(crypto.encryptAes(clear));
    }

    /** The clear characters of a stored password. */
    char[] decrypt(String stored) throws KuraException {
        return crypto.decryptAes(stored.toCharArray());
    }

    /**
     * Puts every password of {@code properties} in stored form, in place: any {@link Password} (or array or
     * list of them), and the String values of Password ADs. A value that already decrypts is left as it is,
     * so a configuration read back from ConfigurationAdmin can be written again unchanged.
     */
    void toStored(OCD ocd, Map<String, Object> properties) throws KuraException {
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            Object value = entry.getValue();
            boolean passwordAd = isPasswordAd(ocd, entry.getKey());
            if (value instanceof Password || passwordAd && value instanceof String) {
                entry.setValue(storedOf(value));
            } else if (TypedValues.isMulti(value) && (passwordAd || holdsPassword(value))) {
                List<Object> stored = new ArrayList<>();
                for (Object element : TypedValues.elements(value)) {
                    stored.add(element instanceof Password || element instanceof String ? storedOf(element) : element);
                }
                entry.setValue(stored.stream().allMatch(String.class::isInstance)
                        ? TypedValues.toArray(Scalar.STRING, stored)
                        : stored);
            }
        }
    }

    private String storedOf(Object value) throws KuraException {
        char[] chars = value instanceof Password ? ((Password) value).getPassword() : ((String) value).toCharArray();
        return chars == null ? null : stored(chars);
    }

    private static boolean holdsPassword(Object value) {
        for (Object element : TypedValues.elements(value)) {
            if (element instanceof Password) {
                return true;
            }
        }
        return false;
    }

    /**
     * Turns the stored values of Password ADs into {@link Password}s of their clear characters, in place, as
     * Kura returns them. A value that does not decrypt (written around the ConfigurationService, or with
     * another key) is returned as stored, in a Password, and logged by property name, as Kura does.
     */
    void toClear(String pid, OCD ocd, Map<String, Object> properties) {
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            if (!isPasswordAd(ocd, entry.getKey()) || entry.getValue() == null) {
                continue;
            }
            Object value = entry.getValue();
            if (TypedValues.isMulti(value)) {
                List<Object> clear = new ArrayList<>();
                for (Object element : TypedValues.elements(value)) {
                    clear.add(clearOf(pid, entry.getKey(), element));
                }
                entry.setValue(TypedValues.toArray(Scalar.PASSWORD, clear));
            } else {
                entry.setValue(clearOf(pid, entry.getKey(), value));
            }
        }
    }

    private Password clearOf(String pid, String name, Object stored) {
        String text = stored instanceof Password ? ((Password) stored).toString() : String.valueOf(stored);
        try {
            return new Password(decrypt(text));
        } catch (KuraException e) {
            LOG.warn("{}: password property '{}' of {} does not decrypt with this gateway's key; returned as stored",
                    ConfigurationServiceImpl.PID, name, pid);
            return new Password(text);
        }
    }

    /**
     * Wraps the stored values of Password ADs in {@link Password}s of the stored (encrypted) text, in place:
     * the form a snapshot writes as {@code type="Password" encrypted="true"}.
     */
    static void wrapStored(OCD ocd, Map<String, Object> properties) {
        wrap(properties, name -> isPasswordAd(ocd, name));
    }

    /**
     * {@link #toStored} followed by {@link #wrapStored}, where the passwords are also the {@link Password}
     * values outside Password ADs: the snapshot form of what a SelfConfiguringComponent reports.
     */
    void toStoredWrapped(OCD ocd, Map<String, Object> properties) throws KuraException {
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            Object value = entry.getValue();
            if (isPasswordAd(ocd, entry.getKey()) || value instanceof Password
                    || TypedValues.isMulti(value) && holdsPassword(value)) {
                names.add(entry.getKey());
            }
        }
        toStored(ocd, properties);
        wrap(properties, names::contains);
    }

    private static void wrap(Map<String, Object> properties, Predicate<String> which) {
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            Object value = entry.getValue();
            if (value == null || !which.test(entry.getKey())) {
                continue;
            }
            if (TypedValues.isMulti(value)) {
                List<Object> wrapped = new ArrayList<>();
                for (Object element : TypedValues.elements(value)) {
                    wrapped.add(element instanceof Password ? element : new Password(String.valueOf(element)));
                }
                entry.setValue(TypedValues.toArray(Scalar.PASSWORD, wrapped));
            } else if (!(value instanceof Password)) {
                entry.setValue(new Password(String.valueOf(value)));
            }
        }
    }

    static boolean isPasswordAd(OCD ocd, String id) {
        if (ocd == null || ocd.getAD() == null) {
            return false;
        }
        for (AD ad : ocd.getAD()) {
            if (id.equals(ad.getId())) {
                return ad.getType() == Scalar.PASSWORD;
            }
        }
        return false;
    }
}
