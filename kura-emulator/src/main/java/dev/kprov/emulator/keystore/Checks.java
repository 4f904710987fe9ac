package dev.kprov.emulator.keystore;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;

/** Argument checks of the keystore: a bad argument is a {@link KuraException} naming it. */
final class Checks {

    private Checks() {
    }

    static String alias(String alias) throws KuraException {
        return text("alias", alias);
    }

    static String text(String what, String value) throws KuraException {
        if (value == null || value.trim().isEmpty()) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, what + " must not be null or empty");
        }
        return value;
    }

    static <T> T present(String what, T value) throws KuraException {
        if (value == null) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, what + " must not be null");
        }
        return value;
    }
}
