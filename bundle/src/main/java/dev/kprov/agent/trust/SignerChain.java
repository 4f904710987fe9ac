package dev.kprov.agent.trust;

import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import dev.kprov.agent.trust.TrustException.Kind;

/**
 * The signer's chain as the package carries it, ordered from the signer up and checked against the
 * signer policy of PROTOCOL.md section 6.1 whatever ca-authentication says: each certificate signed by
 * the next, every certificate above the signer a CA, strong keys and digests throughout, and the signer's
 * key usage allowing digitalSignature. A certificate of the set outside that chain is refused: the agent
 * stores all of them as trusted entries (section 8, step 6), so none may ride along unchecked.
 */
final class SignerChain {

    private static final int DIGITAL_SIGNATURE = 0;
    /** What {@link #issuerOf} answers when there is no issuer above in the set. */
    private static final int SELF_SIGNED = -1;
    private static final int OUTSIDE = -2;

    /** Signer first; parallel lists. */
    final List<X509CertificateHolder> holders;
    final List<X509Certificate> certificates;
    /** Whether the last certificate is a self-signed root carried by the package. */
    final boolean rootIncluded;

    private SignerChain(List<X509CertificateHolder> holders, List<X509Certificate> certificates,
            boolean rootIncluded) {
        this.holders = Collections.unmodifiableList(holders);
        this.certificates = Collections.unmodifiableList(certificates);
        this.rootIncluded = rootIncluded;
    }

    /** The signer's own policy: key strength and key usage. Checked before any signature is computed. */
    static void checkSigner(CmsPackage cms) throws TrustException {
        X509Certificate signer = cms.signerCertificate();
        String subject = Subjects.of(signer);
        AlgorithmPolicy.checkKey(cms.signerHolder, subject);
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && (usage.length <= DIGITAL_SIGNATURE || !usage[DIGITAL_SIGNATURE])) {
            throw untrusted("the signer certificate " + subject
                    + " has a key usage that does not allow digitalSignature");
        }
    }

    static SignerChain build(CmsPackage cms, Provider provider) throws TrustException {
        List<Integer> order = new ArrayList<>();
        int current = cms.holders.indexOf(cms.signerHolder);
        order.add(current);
        int issuer = issuerOf(cms, current, order, provider);
        while (issuer >= 0) {
            order.add(issuer);
            current = issuer;
            issuer = issuerOf(cms, current, order, provider);
        }
        List<X509CertificateHolder> holders = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>();
        for (int index : order) {
            holders.add(cms.holders.get(index));
            certificates.add(cms.certificates.get(index));
        }
        for (int i = 0; i < cms.holders.size(); i++) {
            if (!holders.contains(cms.holders.get(i))) {
                throw untrusted("certificate " + Subjects.of(cms.certificates.get(i))
                        + " of the package is not part of the signer's chain");
            }
        }
        SignerChain chain = new SignerChain(holders, certificates, issuer == SELF_SIGNED);
        chain.checkPolicy();
        return chain;
    }

    /**
     * The index of the certificate of the set that signed certificate {@code current}, or
     * {@link #SELF_SIGNED} or {@link #OUTSIDE} (its issuer is not in the set) at the top of the chain.
     */
    private static int issuerOf(CmsPackage cms, int current, List<Integer> taken, Provider provider)
            throws TrustException {
        X509Certificate certificate = cms.certificates.get(current);
        X509CertificateHolder holder = cms.holders.get(current);
        if (certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                && signedBy(holder, holder, provider)) {
            return SELF_SIGNED;
        }
        boolean named = false;
        for (int i = 0; i < cms.holders.size(); i++) {
            boolean namedIssuer = cms.certificates.get(i).getSubjectX500Principal()
                    .equals(certificate.getIssuerX500Principal());
            if (!namedIssuer || isTaken(cms, i, taken)) {
                continue;
            }
            named = true;
            AlgorithmPolicy.checkKey(cms.holders.get(i), Subjects.of(cms.certificates.get(i)));
            if (signedBy(holder, cms.holders.get(i), provider)) {
                return i;
            }
        }
        if (named) {
            throw untrusted("certificate " + Subjects.of(certificate)
                    + " is not signed by the certificate of the package that bears its issuer's name");
        }
        return OUTSIDE;
    }

    private static boolean isTaken(CmsPackage cms, int index, List<Integer> taken) {
        for (int i : taken) {
            if (cms.holders.get(i).equals(cms.holders.get(index))) {
                return true;
            }
        }
        return false;
    }

    private static boolean signedBy(X509CertificateHolder subject, X509CertificateHolder issuer,
            Provider provider) {
        try {
            return subject.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(provider)
                    .build(issuer.getSubjectPublicKeyInfo()));
        } catch (CertException | OperatorCreationException | RuntimeException e) {
            return false;
        }
    }

    private void checkPolicy() throws TrustException {
        int last = certificates.size() - 1;
        for (int i = 0; i <= last; i++) {
            X509Certificate certificate = certificates.get(i);
            String subject = Subjects.of(certificate);
            AlgorithmPolicy.checkKey(holders.get(i), subject);
            if (i > 0 && certificate.getBasicConstraints() < 0) {
                throw untrusted("certificate " + subject
                        + " issues the signer's chain but is not a CA (basic constraints)");
            }
            // a root's signature on itself proves nothing, whatever its algorithm
            if (!(rootIncluded && i == last)) {
                AlgorithmPolicy.checkCertificateSignature(holders.get(i), subject);
            }
        }
    }

    private static TrustException untrusted(String message) {
        return new TrustException(Kind.UNTRUSTED_CHAIN, message);
    }
}
