package org.eclipse.kura.configuration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Value type of a Password attribute.
 * <p>
 * As in Kura, {@link #toString()} returns the held characters as a String (clear text or the
 * encrypted form, whichever was stored). No {@code equals}/{@code hashCode} override, as in Kura.
 */
@ProviderType
public class Password {

    private final char[] password;

    public Password(String password) {
        this.password = password == null ? null : password.toCharArray();
    }

    public Password(char[] password) {
        this.password = password;
    }

    public char[] getPassword() {
        return this.password;
    }

    @Override
    public String toString() {
        return this.password == null ? null : new String(this.password);
    }
}
