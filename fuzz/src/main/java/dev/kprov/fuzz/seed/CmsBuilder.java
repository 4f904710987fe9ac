package dev.kprov.fuzz.seed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import dev.kprov.fuzz.seed.SeedPki.Issued;

/**
 * Makes CMS SignedData the way a platform would (PROTOCOL.md section 6.1), with every choice open: the
 * signature algorithm, the certificate set in any order, a fixed signing time or none, no signed
 * attributes, a detached content, DER or BER. A "fake" signer signs with random bytes, for a certificate
 * whose private key nobody holds.
 */
public final class CmsBuilder {

    /** Not registered: only the seeds' signers use it (the JDK lacks some of their algorithm names). */
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final byte[] content;
    private final List<SignerInfoGenerator> signers = new ArrayList<>();
    private final List<X509CertificateHolder> certificates = new ArrayList<>();
    private boolean detached;
    private boolean der = true;

    public CmsBuilder(byte[] content) {
        this.content = content;
    }

    /** A signer with a real signature; {@code signingTime} null leaves the attribute out. */
    public CmsBuilder signer(Issued signer, String algorithm, Date signingTime, SecureRandom random)
            throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm).setProvider(BC).setSecureRandom(random)
                    .build(signer.keys().getPrivate());
            signers.add(info(contentSigner, signer.holder(), signingTime));
            return this;
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot make seed signer " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /** A signer whose signature is {@code length} random bytes under the named algorithm. */
    public CmsBuilder fakeSigner(X509CertificateHolder certificate, String algorithm, int length, SecureRandom random)
            throws GeneralSecurityException {
        AlgorithmIdentifier id = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm);
        ContentSigner garbage = new ContentSigner() {
            private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return id;
            }

            @Override
            public OutputStream getOutputStream() {
                return sink;
            }

            @Override
            public byte[] getSignature() {
                byte[] signature = new byte[length];
                random.nextBytes(signature);
                return signature;
            }
        };
        signers.add(info(garbage, certificate, null));
        return this;
    }

    /** A signer without signed attributes: the signature covers the content itself. */
    public CmsBuilder directSigner(Issued signer, String algorithm) throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(algorithm).setProvider(BC).build(signer.keys().getPrivate());
            signers.add(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                    .setDirectSignature(true).build(contentSigner, signer.holder()));
            return this;
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot make direct seed signer: " + e.getMessage(), e);
        }
    }

    public CmsBuilder certificates(X509CertificateHolder... holders) {
        certificates.addAll(List.of(holders));
        return this;
    }

    public CmsBuilder certificates(List<X509CertificateHolder> holders) {
        certificates.addAll(holders);
        return this;
    }

    public CmsBuilder detached() {
        detached = true;
        return this;
    }

    /** BER as BouncyCastle writes it by default (indefinite lengths), instead of DER. */
    public CmsBuilder ber() {
        der = false;
        return this;
    }

    public byte[] build() throws GeneralSecurityException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            for (SignerInfoGenerator signer : signers) {
                generator.addSignerInfoGenerator(signer);
            }
            if (!certificates.isEmpty()) {
                generator.addCertificates(new JcaCertStore(certificates));
            }
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), !detached);
            return der ? signed.getEncoded("DER") : signed.getEncoded();
        } catch (IOException | org.bouncycastle.cms.CMSException e) {
            throw new GeneralSecurityException("cannot make seed CMS: " + e.getMessage(), e);
        }
    }

    private static SignerInfoGenerator info(ContentSigner contentSigner, X509CertificateHolder certificate,
            Date signingTime) throws GeneralSecurityException {
        try {
            JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build());
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            if (signingTime != null) {
                attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(signingTime))));
            }
            // the default generator adds content type and message digest; with a fixed signing time present
            // it keeps ours instead of the current time
            builder.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(
                    new AttributeTable(attributes)) {
                @Override
                @SuppressWarnings("rawtypes")
                protected java.util.Hashtable createStandardAttributeTable(java.util.Map parameters) {
                    java.util.Hashtable table = super.createStandardAttributeTable(parameters);
                    if (signingTime == null) {
                        table.remove(CMSAttributes.signingTime);
                    }
                    return table;
                }
            });
            return builder.build(contentSigner, certificate);
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot make seed signer info: " + e.getMessage(), e);
        }
    }
}
