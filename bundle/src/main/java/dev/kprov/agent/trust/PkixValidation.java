package dev.kprov.agent.trust;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchProviderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.kprov.agent.trust.TrustException.Kind;

/**
 * ca-authentication (PROTOCOL.md section 8, step 3): the chain validates with PKIX, revocation off, to a
 * certificate the gateway already trusts. A PKIX failure is reported as CLOCK, not UNTRUSTED_CHAIN, when
 * dates are all PKIX objects to, at the gateway's time and at times when the chain's certificates are
 * valid (reference/BUILD-NOTES.md pitfall 11).
 */
final class PkixValidation {

    private final SignerChain chain;
    private final Collection<X509Certificate> anchors;

    private PkixValidation(SignerChain chain, Collection<X509Certificate> anchors) {
        this.chain = chain;
        this.anchors = anchors;
    }

    /**
     * @param dateProblem what {@link Validity#problem} found, or null
     * @throws TrustException UNTRUSTED_CHAIN, or CLOCK when only dates stand in the way
     */
    static void check(SignerChain chain, Collection<X509Certificate> anchors, Date now, String dateProblem)
            throws TrustException {
        if (anchors.isEmpty()) {
            throw new TrustException(Kind.UNTRUSTED_CHAIN,
                    "ca-authentication is on but the gateway trusts no certificate authority");
        }
        new PkixValidation(chain, anchors).check(now, dateProblem);
    }

    private void check(Date now, String dateProblem) throws TrustException {
        CertPathValidatorException atNow = validate(now);
        if (atNow == null) {
            return;
        }
        if (!isDateOnly(atNow)) {
            throw untrusted(atNow);
        }
        for (Date time : Validity.referenceTimes(chain.certificates)) {
            CertPathValidatorException failure = validate(time);
            if (failure == null) {
                break;
            }
            if (!isDateOnly(failure)) {
                throw untrusted(failure);
            }
        }
        throw new TrustException(Kind.CLOCK, dateProblem != null ? dateProblem
                : "the signer's chain is refused at the gateway's time " + Subjects.instant(now) + ": "
                        + atNow.getMessage(),
                atNow);
    }

    /** The path PKIX sees: the chain up to the first certificate the gateway trusts, without a root. */
    private List<X509Certificate> path() {
        Set<X509Certificate> trusted = new HashSet<>(anchors);
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate certificate : chain.certificates) {
            if (trusted.contains(certificate)) {
                return path;
            }
            path.add(certificate);
        }
        if (chain.rootIncluded && path.size() > 1) {
            path.remove(path.size() - 1);
        }
        return path;
    }

    /** Null when the chain validates at {@code time}. */
    private CertPathValidatorException validate(Date time) throws TrustException {
        try {
            Set<TrustAnchor> trustAnchors = new HashSet<>();
            for (X509Certificate anchor : anchors) {
                trustAnchors.add(new TrustAnchor(anchor, null));
            }
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(time);
            validator().validate(CertificateFactory.getInstance("X.509").generateCertPath(path()), parameters);
            return null;
        } catch (CertPathValidatorException e) {
            return e;
        } catch (InvalidAlgorithmParameterException e) {
            throw new TrustException(Kind.UNTRUSTED_CHAIN, "the gateway's trust anchors cannot be used: "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TrustException(Kind.UNTRUSTED_CHAIN, "the signer's chain cannot be validated: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The JDK's own PKIX implementation when present, so that the date reasons are reported the way
     * {@link #isDateOnly} reads them whatever provider the gateway registered first.
     */
    private static CertPathValidator validator() throws GeneralSecurityException {
        try {
            return CertPathValidator.getInstance("PKIX", "SUN");
        } catch (NoSuchProviderException e) {
            return CertPathValidator.getInstance("PKIX");
        }
    }

    private static boolean isDateOnly(CertPathValidatorException e) {
        if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException) {
                return true;
            }
        }
        return false;
    }

    private TrustException untrusted(CertPathValidatorException e) {
        X509Certificate top = chain.certificates.get(chain.certificates.size() - 1);
        return new TrustException(Kind.UNTRUSTED_CHAIN,
                "the signer's chain does not validate to a certificate authority this gateway trusts ("
                        + e.getMessage() + "); the package's chain ends at " + Subjects.of(top) + ", issued by "
                        + Subjects.of(top.getIssuerX500Principal()),
                e);
    }
}
