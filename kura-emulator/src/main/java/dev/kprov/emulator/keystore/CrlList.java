package dev.kprov.emulator.keystore;

import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * The keystore's certificate revocation lists, in memory: at most one per issuer, the newest
 * ({@code thisUpdate}) kept. Thread safe.
 */
final class CrlList {

    /** A gateway follows a handful of CAs; a flood of CRLs is a mistake, not a use. */
    static final int MAX_CRLS = 100;

    private final List<X509CRL> crls = new ArrayList<>();

    /**
     * Adds {@code crl}, replacing an older one of the same issuer.
     *
     * @return whether the list changed (false for a CRL already held or older than the one held)
     * @throws IllegalStateException when {@link #MAX_CRLS} issuers already have a CRL
     */
    synchronized boolean add(X509CRL crl) {
        for (Iterator<X509CRL> it = crls.iterator(); it.hasNext();) {
            X509CRL held = it.next();
            if (held.getIssuerX500Principal().equals(crl.getIssuerX500Principal())) {
                if (held.equals(crl) || !crl.getThisUpdate().after(held.getThisUpdate())) {
                    return false;
                }
                it.remove();
                crls.add(crl);
                return true;
            }
        }
        if (crls.size() >= MAX_CRLS) {
            throw new IllegalStateException("the keystore already holds CRLs of " + MAX_CRLS + " issuers");
        }
        crls.add(crl);
        return true;
    }

    synchronized Collection<CRL> all() {
        return new ArrayList<>(crls);
    }

    CertStore certStore() throws GeneralSecurityException {
        return CertStore.getInstance("Collection", new CollectionCertStoreParameters(all()));
    }
}
