package dev.kprov.agent.component;

import java.util.Arrays;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;

/**
 * A password-type setting as Kura stores it: encrypted with the gateway's CryptoService. It is decrypted
 * only when it is about to be used, into an array the caller wipes. {@code toString} never shows it.
 */
public final class Secret {

    private static final char[] NONE = new char[0];

    private final String setting;
    private final char[] encrypted;
    private final CryptoService crypto;

    private Secret(String setting, char[] encrypted, CryptoService crypto) {
        this.setting = setting;
        this.encrypted = encrypted;
        this.crypto = crypto;
    }

    /**
     * Checks once that the value decrypts with this gateway's key, so that a value pasted in clear text or
     * encrypted on another gateway is reported when the settings are saved, not at the first connect.
     */
    static Secret parse(String setting, String encrypted, CryptoService crypto) throws InvalidSettingException {
        if (encrypted.isEmpty()) {
            return new Secret(setting, NONE, crypto);
        }
        Secret secret = new Secret(setting, encrypted.toCharArray(), crypto);
        try {
            Arrays.fill(secret.reveal(), '\0');
        } catch (KuraException e) {
            throw new InvalidSettingException(setting,
                    "cannot be decrypted with this gateway's key; enter it again in the Kura web UI");
        }
        return secret;
    }

    public boolean isEmpty() {
        return encrypted.length == 0;
    }

    /** The clear text, in a new array: wipe it after use. */
    public char[] reveal() throws KuraException {
        if (isEmpty()) {
            return NONE.clone();
        }
        char[] clear = crypto.decryptAes(encrypted.clone());
        if (clear == null) {
            throw KuraException.internalError("decryption of " + setting + " returned nothing");
        }
        return clear;
    }

    @Override
    public String toString() {
        return setting + (isEmpty() ? "=<empty>" : "=<set>");
    }
}
