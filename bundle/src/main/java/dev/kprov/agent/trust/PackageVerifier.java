package dev.kprov.agent.trust;

import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import dev.kprov.agent.trust.TrustException.Kind;

/**
 * Verifies a provisioning package, the body of a 200 reply (PROTOCOL.md section 6.1, section 8 steps 2
 * and 3), in this order, the first failure deciding the verdict:
 * <ol>
 * <li>shape and bounds (section 7): MALFORMED;</li>
 * <li>digest and signature algorithms: SIGNATURE_INVALID;</li>
 * <li>the signer's key and key usage: UNTRUSTED_CHAIN;</li>
 * <li>the signature over the content: SIGNATURE_INVALID;</li>
 * <li>the chain in the package (each certificate signed by the next, CAs above the signer, strong keys
 * and digests, nothing else in the set): UNTRUSTED_CHAIN;</li>
 * <li>when ca-authentication is on, PKIX to the gateway's trust anchors: UNTRUSTED_CHAIN;</li>
 * <li>validity dates at the gateway's time and at the signing time, whatever ca-authentication says:
 * CLOCK. A PKIX failure due to dates alone is CLOCK too.</li>
 * </ol>
 * With ca-authentication off, a chain to an unknown root is accepted; everything else still applies.
 * Stateless apart from its clock: one instance serves any thread.
 */
public final class PackageVerifier {

    private final Clock clock;
    /**
     * A private instance, not registered: the gateway's provider list is not ours to change. Made at the
     * first verification, not when the component activates: it loads hundreds of classes.
     */
    private volatile Provider provider;

    public PackageVerifier(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param der the DER encoding of the CMS SignedData, at most 16 MiB
     * @param trustAnchors the certificates the gateway trusts; used only when {@code caAuthentication}
     * @param caAuthentication whether the chain must lead to one of {@code trustAnchors}
     * @return the signed content and the package's chain, signer first
     * @throws TrustException with the {@link Kind} of the first failure and a message for a person
     */
    public VerifiedContent verify(byte[] der, Collection<X509Certificate> trustAnchors, boolean caAuthentication)
            throws TrustException {
        Objects.requireNonNull(der, "der");
        List<X509Certificate> anchors = new ArrayList<>(Objects.requireNonNull(trustAnchors, "trustAnchors"));
        Date now = Date.from(clock.instant());
        try {
            return verify(der, anchors, caAuthentication, now);
        } catch (StackOverflowError e) {
            // DerShape bounds the outer structure; this is the last line for DER nested inside a value
            // (an extension, a key) that a library parses recursively
            throw new TrustException(Kind.MALFORMED, "the package is nested too deeply to be read");
        }
    }

    private VerifiedContent verify(byte[] der, List<X509Certificate> anchors, boolean caAuthentication, Date now)
            throws TrustException {
        Provider provider = provider();
        CmsPackage cms = CmsPackage.parse(der);
        AlgorithmPolicy.checkSigner(cms.signer);
        SignerChain.checkSigner(cms);
        verifySignature(cms, provider);
        SignerChain chain = SignerChain.build(cms, provider);
        String dateProblem = Validity.problem(chain.certificates, now, cms.signingTime);
        if (caAuthentication) {
            PkixValidation.check(chain, anchors, now, dateProblem);
        }
        if (dateProblem != null) {
            throw new TrustException(Kind.CLOCK, dateProblem);
        }
        return new VerifiedContent(cms.content, chain.certificates);
    }

    /**
     * Verified against the signer's key, not its certificate: BouncyCastle would otherwise judge the
     * certificate's dates at the signing time itself and throw before the signature is even computed,
     * while dates are judged in one place, after the signature, by {@link Validity}.
     */
    private static void verifySignature(CmsPackage cms, Provider provider) throws TrustException {
        String subject = Subjects.of(cms.signerCertificate());
        boolean valid;
        try {
            SignerInformationVerifier verifier = new SignerInformationVerifier(
                    new DefaultCMSSignatureAlgorithmNameGenerator(), new DefaultSignatureAlgorithmIdentifierFinder(),
                    new JcaContentVerifierProviderBuilder().setProvider(provider)
                            .build(cms.signerHolder.getSubjectPublicKeyInfo()),
                    new JcaDigestCalculatorProviderBuilder().setProvider(provider).build());
            valid = cms.signer.verify(verifier);
        } catch (OperatorCreationException | CMSException | RuntimeException e) {
            throw new TrustException(Kind.SIGNATURE_INVALID, "the package's signature by " + subject
                    + " does not verify (" + e.getMessage() + "): it was altered or not made with that certificate",
                    e);
        }
        if (!valid) {
            throw new TrustException(Kind.SIGNATURE_INVALID, "the package's signature by " + subject
                    + " does not verify: it was altered or not made with that certificate");
        }
    }

    /**
     * Makes the BouncyCastle provider now, which takes a good part of a second on a small gateway the first
     * time; called while the agent waits for its first attempt, so that verifying does not pay for it.
     */
    public void prepare() {
        provider();
    }

    private Provider provider() {
        Provider current = provider;
        if (current == null) {
            synchronized (this) {
                current = provider;
                if (current == null) {
                    current = new BouncyCastleProvider();
                    provider = current;
                }
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return "PackageVerifier";
    }
}
