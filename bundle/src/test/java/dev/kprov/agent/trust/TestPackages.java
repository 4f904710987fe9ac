package dev.kprov.agent.trust;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import dev.kprov.agent.trust.TestPki.Issued;

/** Signs real CMS SignedData packages the way a platform would, with BouncyCastle's generator. */
public final class TestPackages {

    static final byte[] CONTENT = "a KuraPayload would be here".getBytes(StandardCharsets.UTF_8);
    /** The content type of id-data, for a package that must not be one. */
    static final ASN1ObjectIdentifier DATA = new ASN1ObjectIdentifier("1.2.840.113549.1.7.1");

    private final Issued signer;
    private final List<X509Certificate> certificates = new ArrayList<>();
    private String algorithm;
    private Instant signingTime = TestPki.NOW.minusSeconds(60);
    private boolean withSigningTime = true;
    private byte[] content = CONTENT;
    private ASN1ObjectIdentifier contentType = DATA;
    private boolean attached = true;
    private Issued secondSigner;
    private PrivateKey signingKey;

    private TestPackages(Issued signer) {
        this.signer = signer;
        this.algorithm = TestPki.defaultSignatureAlgorithm(signer.keys());
        this.signingKey = signer.keys().getPrivate();
    }

    /** A package by {@code signer} carrying {@code certificates} in that order. */
    public static TestPackages signedBy(Issued signer, X509Certificate... certificates) {
        TestPackages builder = new TestPackages(signer);
        builder.certificates.addAll(Arrays.asList(certificates));
        return builder;
    }

    TestPackages algorithm(String name) {
        this.algorithm = name;
        return this;
    }

    TestPackages signingTime(Instant time) {
        this.signingTime = time;
        return this;
    }

    TestPackages withoutSigningTime() {
        this.withSigningTime = false;
        return this;
    }

    public TestPackages content(byte[] bytes) {
        this.content = bytes.clone();
        return this;
    }

    TestPackages contentType(ASN1ObjectIdentifier type) {
        this.contentType = type;
        return this;
    }

    TestPackages detached() {
        this.attached = false;
        return this;
    }

    TestPackages alsoSignedBy(Issued other) {
        this.secondSigner = other;
        return this;
    }

    /** Signs with another private key while naming the signer's certificate. */
    TestPackages keyNotMatchingCertificate(PrivateKey key) {
        this.signingKey = key;
        return this;
    }

    public byte[] der() {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo(signingKey, signer.certificate(), algorithm));
            if (secondSigner != null) {
                generator.addSignerInfoGenerator(signerInfo(secondSigner.keys().getPrivate(),
                        secondSigner.certificate(), TestPki.defaultSignatureAlgorithm(secondSigner.keys())));
            }
            generator.addCertificates(new JcaCertStore(certificates));
            return generator.generate(new CMSProcessableByteArray(contentType, content), attached).getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the test package", e);
        }
    }

    /** The signer info this builder would add, for other generators. */
    SignerInfoGenerator signerInfo() throws Exception {
        return signerInfo(signingKey, signer.certificate(), algorithm);
    }

    private SignerInfoGenerator signerInfo(PrivateKey key, X509Certificate certificate, String signatureAlgorithm)
            throws Exception {
        CMSAttributeTableGenerator attributes;
        if (!withSigningTime) {
            // BouncyCastle adds the current system time unless told otherwise
            attributes = parameters -> new DefaultSignedAttributeTableGenerator().getAttributes(parameters)
                    .remove(CMSAttributes.signingTime);
        } else {
            attributes = new DefaultSignedAttributeTableGenerator(new AttributeTable(new Attribute(
                    CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime))))));
        }
        return new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(TestPki.BC).build())
                .setSignedAttributeGenerator(attributes)
                .build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(TestPki.BC).build(key), certificate);
    }

    /** Where {@code needle} starts in {@code haystack}, to alter a signed package in place. */
    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = haystack[i + j] == needle[j];
            }
            if (match) {
                return i;
            }
        }
        throw new AssertionError("content not found in the package");
    }
}
