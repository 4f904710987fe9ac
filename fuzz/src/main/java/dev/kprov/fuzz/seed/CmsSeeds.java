package dev.kprov.fuzz.seed;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;

import dev.kprov.agent.message.MessageException;
import dev.kprov.agent.message.Payload;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.fuzz.engine.Sample;
import dev.kprov.platform.pki.KeyAlgorithm;
import dev.kprov.platform.pki.SignerIdentity;
import dev.kprov.platform.pki.StateDirectory;

/**
 * Provisioning packages (PROTOCOL.md section 6.1) to start from: two signed by the reference platform's
 * own signer (RSA and EC), one for each algorithm and shape the protocol allows, one breaking each rule,
 * and the CMS bodies of the conformance replies.
 */
public final class CmsSeeds {

    private final SeedPki pki;
    private final List<X509Certificate> platformRoots = new ArrayList<>();
    private final List<Sample> seeds = new ArrayList<>();

    public CmsSeeds(SeedPki pki, byte[] content, Optional<Conformance> conformance) throws Exception {
        this.pki = pki;
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            SignerIdentity platform = new StateDirectory(Optional.empty(), algorithm, pki.random(),
                    Fixture.issuingClock()).signer();
            platformRoots.add(platform.root());
            seeds.add(new Sample("platform-" + algorithm, platform.signCms(content)));
        }
        own(content);
        if (conformance.isPresent()) {
            for (Sample reply : conformance.get().replies()) {
                body(reply).ifPresent(seeds::add);
            }
        }
    }

    public List<Sample> seeds() {
        return seeds;
    }

    /** The roots of the reference platform's signers, which the gateway of the fuzz run trusts. */
    public List<X509Certificate> platformRoots() {
        return platformRoots;
    }

    private void own(byte[] content) throws GeneralSecurityException {
        SecureRandom random = pki.random();
        Date signed = Date.from(Fixture.ISSUED.plusSeconds(86_400));
        X509CertificateHolder inter = pki.intermediate.holder();
        X509CertificateHolder root = pki.root.holder();
        add("p256", new CmsBuilder(content).signer(pki.signer, "SHA256withECDSA", signed, random)
                .certificates(pki.signer.holder(), inter));
        add("p256-root-included-ber", new CmsBuilder(content).signer(pki.signer, "SHA256withECDSA", null, random)
                .certificates(root, pki.signer.holder(), inter).ber());
        add("p384-sha384", new CmsBuilder(content).signer(pki.signerP384, "SHA384withECDSA", signed, random)
                .certificates(pki.signerP384.holder(), inter));
        add("rsa-pkcs1-sha512", new CmsBuilder(content).signer(pki.signerRsa, "SHA512withRSA", signed, random)
                .certificates(pki.signerRsa.holder(), inter, root));
        add("rsa-pss", new CmsBuilder(content).signer(pki.signerRsa, "SHA256withRSAandMGF1", signed, random)
                .certificates(pki.signerRsa.holder(), inter));
        add("direct-signature", new CmsBuilder(content).directSigner(pki.signer, "SHA256withECDSA")
                .certificates(pki.signer.holder(), inter));
        add("signer-only", new CmsBuilder(content).signer(pki.signer, "SHA256withECDSA", null, random)
                .certificates(pki.signer.holder()));
        add("empty-content", new CmsBuilder(new byte[0]).signer(pki.signer, "SHA256withECDSA", null, random)
                .certificates(pki.signer.holder(), inter));
        add("expired", sign(content, pki.expired, inter));
        add("not-yet-valid", sign(content, pki.notYetValid, inter));
        add("signing-time-outside", new CmsBuilder(content).signer(pki.signer, "SHA256withECDSA",
                Date.from(Fixture.ISSUED.minusSeconds(86_400 * 30)), random).certificates(pki.signer.holder(), inter));
        add("key-encipherment", sign(content, pki.keyEncipherment, inter));
        add("issuer-not-ca", sign(content, pki.underNotCa, pki.notCaIntermediate.holder()));
        add("rsa-1024", new CmsBuilder(content).signer(pki.rsa1024, "SHA256withRSA", null, random)
                .certificates(pki.rsa1024.holder(), inter));
        add("p521", new CmsBuilder(content).signer(pki.p521, "SHA512withECDSA", null, random)
                .certificates(pki.p521.holder(), inter));
        add("sha1-digest", new CmsBuilder(content).signer(pki.signer, "SHA1withECDSA", null, random)
                .certificates(pki.signer.holder(), inter));
        add("certificate-signed-sha1", sign(content, pki.sha1Signed, inter));
        add("untrusted-root", sign(content, pki.underUntrusted, pki.untrustedRoot.holder()));
        add("self-signed-signer", sign(content, pki.selfSigned));
        add("unrelated-certificate", sign(content, pki.signer, inter, pki.untrustedRoot.holder()));
        add("detached", new CmsBuilder(content).signer(pki.signer, "SHA256withECDSA", null, random)
                .certificates(pki.signer.holder(), inter).detached());
        add("two-signers", new CmsBuilder(content).signer(pki.signer, "SHA256withECDSA", null, random)
                .signer(pki.signerP384, "SHA384withECDSA", null, random)
                .certificates(pki.signer.holder(), pki.signerP384.holder(), inter));
        add("no-certificates", new CmsBuilder(content).signer(pki.signer, "SHA256withECDSA", null, random));
        add("fake-signature", new CmsBuilder(content).fakeSigner(pki.signer.holder(), "SHA256withECDSA", 72, random)
                .certificates(pki.signer.holder(), inter));
        add("eleven-certificates", new CmsBuilder(content).signer(pki.signer, "SHA256withECDSA", null, random)
                .certificates(pki.signer.holder(), inter, root, pki.signerP384.holder(), pki.signerRsa.holder(),
                        pki.expired.holder(), pki.notYetValid.holder(), pki.keyEncipherment.holder(),
                        pki.rsa1024.holder(), pki.p521.holder(), pki.sha1Signed.holder()));
    }

    private byte[] sign(byte[] content, SeedPki.Issued signer, X509CertificateHolder... above)
            throws GeneralSecurityException {
        List<X509CertificateHolder> set = new ArrayList<>();
        set.add(signer.holder());
        set.addAll(List.of(above));
        return new CmsBuilder(content).signer(signer, "SHA256withECDSA", null, pki.random()).certificates(set).build();
    }

    private void add(String name, CmsBuilder builder) throws GeneralSecurityException {
        seeds.add(new Sample(name, builder.build()));
    }

    private void add(String name, byte[] der) {
        seeds.add(new Sample(name, der));
    }

    /** The body of a conformance reply: a CMS package for the 200 replies (and not-CMS for one of them). */
    private static Optional<Sample> body(Sample reply) {
        try {
            Payload payload = PayloadCodec.decode(reply.bytes());
            return payload.body().map(body -> new Sample(reply.name() + "#body", body));
        } catch (MessageException e) {
            return Optional.empty(); // a reply made to be malformed has no body to take
        }
    }
}
