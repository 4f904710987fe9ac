package dev.kprov.agent.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;

import dev.kprov.agent.trust.TrustException.Kind;

/**
 * A provisioning package taken apart and checked for shape (PROTOCOL.md sections 6.1 and 7): one CMS
 * SignedData with attached id-data content, exactly one signer, at most {@link #MAX_CERTIFICATES}
 * certificates among which the signer's. Nothing here is trusted yet.
 */
final class CmsPackage {

    /** The bound of a reply on the wire (PROTOCOL.md section 7); the package cannot be larger. */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    static final int MAX_CERTIFICATES = 10;

    final byte[] content;
    final SignerInformation signer;
    final X509CertificateHolder signerHolder;
    /** The certificate set in its order, each as BouncyCastle and as JCA sees it, same index. */
    final List<X509CertificateHolder> holders;
    final List<X509Certificate> certificates;
    /** The signing-time signed attribute, or null when the package has none. */
    final Date signingTime;

    private CmsPackage(byte[] content, SignerInformation signer, X509CertificateHolder signerHolder,
            List<X509CertificateHolder> holders, List<X509Certificate> certificates, Date signingTime) {
        this.content = content;
        this.signer = signer;
        this.signerHolder = signerHolder;
        this.holders = holders;
        this.certificates = certificates;
        this.signingTime = signingTime;
    }

    X509Certificate signerCertificate() {
        return certificates.get(holders.indexOf(signerHolder));
    }

    static CmsPackage parse(byte[] der) throws TrustException {
        if (der.length > MAX_BYTES) {
            throw malformed("the package is " + der.length + " bytes, over the bound of " + MAX_BYTES);
        }
        DerShape.check(der, "the package");
        ContentInfo info;
        CMSSignedData cms;
        try {
            info = ContentInfo.getInstance(der);
            if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
                throw malformed("the package is a CMS " + info.getContentType().getId()
                        + ", not a SignedData");
            }
            cms = new CMSSignedData(info);
        } catch (CMSException e) {
            throw new TrustException(Kind.MALFORMED, "the package is not a CMS SignedData: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // BouncyCastle reports structure mismatches as casts and argument errors: no message for a person
            throw new TrustException(Kind.MALFORMED, "the package is not a CMS SignedData", e);
        }
        try {
            return take(cms, SignedData.getInstance(info.getContent()));
        } catch (RuntimeException e) {
            throw new TrustException(Kind.MALFORMED, "the package's SignedData cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private static CmsPackage take(CMSSignedData cms, SignedData signedData) throws TrustException {
        if (!CMSObjectIdentifiers.data.getId().equals(cms.getSignedContentTypeOID())) {
            throw malformed("the signed content is of type " + cms.getSignedContentTypeOID() + ", not id-data");
        }
        CMSTypedData signedContent = cms.getSignedContent();
        if (signedContent == null || !(signedContent.getContent() instanceof byte[])) {
            throw malformed("the package carries no attached content (a detached signature)");
        }
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw malformed("the package has " + signers.size() + " signers, not exactly one");
        }
        SignerInformation signer = signers.iterator().next();

        List<X509CertificateHolder> holders = certificateSet(signedData.getCertificates());
        List<X509CertificateHolder> matches = new ArrayList<>();
        for (X509CertificateHolder holder : holders) {
            if (signer.getSID().match(holder) && !matches.contains(holder)) {
                matches.add(holder);
            }
        }
        if (matches.size() != 1) {
            throw malformed(matches.isEmpty() ? "the signer's certificate is not in the package's certificate set"
                    : "several different certificates in the package match its signer");
        }
        return new CmsPackage((byte[]) signedContent.getContent(), signer, matches.get(0),
                Collections.unmodifiableList(holders), toJca(holders), signingTime(signer));
    }

    private static List<X509CertificateHolder> certificateSet(ASN1Set set) throws TrustException {
        List<X509CertificateHolder> holders = new ArrayList<>();
        if (set == null) {
            return holders;
        }
        if (set.size() > MAX_CERTIFICATES) {
            throw malformed("the package carries " + set.size() + " certificates, over the bound of "
                    + MAX_CERTIFICATES);
        }
        for (ASN1Encodable element : set.toArray()) {
            if (!(element.toASN1Primitive() instanceof ASN1Sequence)) {
                throw malformed("the package's certificate set holds something other than X.509 certificates");
            }
            holders.add(new X509CertificateHolder(Certificate.getInstance(element)));
        }
        return holders;
    }

    private static List<X509Certificate> toJca(List<X509CertificateHolder> holders) throws TrustException {
        List<X509Certificate> certificates = new ArrayList<>(holders.size());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (X509CertificateHolder holder : holders) {
                certificates.add((X509Certificate) factory
                        .generateCertificate(new ByteArrayInputStream(holder.getEncoded())));
            }
        } catch (CertificateException | IOException e) {
            throw new TrustException(Kind.MALFORMED,
                    "a certificate of the package cannot be read: " + e.getMessage(), e);
        }
        return Collections.unmodifiableList(certificates);
    }

    private static Date signingTime(SignerInformation signer) throws TrustException {
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null || attributes.get(CMSAttributes.signingTime) == null) {
            return null;
        }
        Attribute attribute = attributes.get(CMSAttributes.signingTime);
        if (attributes.getAll(CMSAttributes.signingTime).size() != 1 || attribute.getAttrValues().size() != 1) {
            throw malformed("the signing-time attribute does not hold exactly one time");
        }
        return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate();
    }

    private static TrustException malformed(String message) {
        return new TrustException(Kind.MALFORMED, message);
    }
}
