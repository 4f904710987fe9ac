package dev.kprov.emulator.ssl;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;

/**
 * Calls to the KeystoreService from the SSL manager, whose methods throw only
 * {@link GeneralSecurityException} and {@link IOException}: a keystore {@code IO_ERROR} becomes an
 * {@link IOException}, any other {@link KuraException} a {@link KeyStoreException}, both with the
 * keystore's message and the {@link KuraException} as cause.
 */
final class KeystoreCalls {

    @FunctionalInterface
    interface Call<T> {
        T call() throws KuraException;
    }

    @FunctionalInterface
    interface Action {
        void run() throws KuraException;
    }

    private KeystoreCalls() {
    }

    static <T> T call(Call<T> call) throws GeneralSecurityException, IOException {
        try {
            return call.call();
        } catch (KuraException e) {
            if (e.getCode() == KuraErrorCode.IO_ERROR) {
                throw new IOException(e.getMessage(), e);
            }
            throw new KeyStoreException(e.getMessage(), e);
        }
    }

    static void run(Action action) throws GeneralSecurityException, IOException {
        call(() -> {
            action.run();
            return null;
        });
    }
}
