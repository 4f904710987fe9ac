package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisioningPackage;
import dev.kprov.platform.pki.Pem;

/** Checks a 200 body as a gateway would, with BouncyCastle, independently of the platform's code. */
final class PackageVerifier {

    private PackageVerifier() {
    }

    /** Verifies the CMS against {@code signerRootPem} and returns the decoded package. */
    @SuppressWarnings("unchecked") // BouncyCastle's SignerId selector is a raw Selector
    static ProvisioningPackage verify(byte[] body, String signerRootPem) throws Exception {
        CMSSignedData cms = new CMSSignedData(body);
        assertEquals(CMSObjectIdentifiers.data.getId(), cms.getSignedContentTypeOID(), "content type id-data");
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        assertEquals(1, signers.size(), "one signer");
        SignerInformation signer = signers.iterator().next();
        assertEquals(NISTObjectIdentifiers.id_sha256.getId(), signer.getDigestAlgOID(), "SHA-256 digest");
        Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
        assertEquals(1, matches.size(), "the signer certificate is in the set");
        X509CertificateHolder signerCertificate = matches.iterator().next();
        assertTrue(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCertificate)),
                "signature verifies");

        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(converter.getCertificate(signerCertificate));
        X509Certificate root = Pem.parseCertificates(signerRootPem, "signer-root.pem").get(0);
        for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
            X509Certificate certificate = converter.getCertificate(holder);
            if (!certificate.equals(chain.get(0)) && !certificate.equals(root)) {
                chain.add(certificate);
            }
        }
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);

        byte[] content = (byte[]) cms.getSignedContent().getContent();
        return ProvisioningPackage.fromPayload(PayloadCodec.decodePlain(content));
    }
}
