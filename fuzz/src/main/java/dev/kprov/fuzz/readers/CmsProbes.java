package dev.kprov.fuzz.readers;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;

import dev.kprov.fuzz.engine.Sample;
import dev.kprov.fuzz.seed.CmsBuilder;
import dev.kprov.fuzz.seed.SeedPki;
import dev.kprov.fuzz.seed.SeedPki.Issued;

/**
 * Packages at and past the bounds of the CMS reader (PROTOCOL.md section 7 and the reader's own): the
 * 16 MiB size, DER nesting at and past its limit and far past it where only a library parses it (inside
 * a certificate's key usage or an unknown extension), a really signed package of almost 16 MiB, and sets
 * of thousands of signers or certificates.
 */
public final class CmsProbes {

    private static final List<String> NAMES = List.of("der-past-bound", "der-at-bound", "nested-64", "nested-65",
            "nested-100000", "key-usage-nested-100000", "unknown-extension-nested-100000", "signed-content-16MiB",
            "indefinite-nested-64", "ten-thousand-signer-infos", "ten-thousand-certificates");
    private static final int BOUND = 16 * 1024 * 1024;
    private static final int KEEP_BELOW = 1024 * 1024;

    private final SeedPki pki;
    private final Map<Integer, Sample> kept = new HashMap<>();

    public CmsProbes(SeedPki pki) {
        this.pki = pki;
    }

    int count() {
        return NAMES.size();
    }

    Sample probe(int index) {
        Sample sample = kept.get(index);
        if (sample == null) {
            try {
                sample = new Sample("probe-" + NAMES.get(index), make(index));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot make CMS probe " + NAMES.get(index), e);
            }
            if (sample.bytes().length < KEEP_BELOW) {
                kept.put(index, sample);
            }
        }
        return sample;
    }

    private byte[] make(int index) throws GeneralSecurityException {
        switch (index) {
            case 0: {
                byte[] der = new byte[BOUND + 1];
                der[0] = 0x30;
                der[1] = (byte) 0x84;
                int length = der.length - 6;
                der[2] = (byte) (length >>> 24);
                der[3] = (byte) (length >>> 16);
                der[4] = (byte) (length >>> 8);
                der[5] = (byte) length;
                return der;
            }
            case 1:
                return atBound();
            case 2:
                return CmsGenerator.nested(63);
            case 3:
                return CmsGenerator.nested(65);
            case 4:
                return CmsGenerator.nested(100_000);
            case 5:
                return withExtension(Extension.keyUsage);
            case 6:
                return withExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
            case 7:
                return new CmsBuilder(new byte[BOUND - 4096]).signer(pki.signer, "SHA256withECDSA", null, pki.random())
                        .certificates(pki.signer.holder(), pki.intermediate.holder()).build();
            case 8:
                return indefinite(64);
            case 9:
                return repeatedInSet(DerWriter.tlv(0x30, new byte[140]), 10_000, true);
            default:
                try {
                    return repeatedInSet(pki.signer.holder().getEncoded(), 10_000, false);
                } catch (java.io.IOException e) {
                    throw new GeneralSecurityException("cannot encode the seed signer", e);
                }
        }
    }

    /** ContentInfo(signedData) whose [0] holds one OCTET STRING filling exactly 16 MiB. */
    private static byte[] atBound() {
        byte[] oid = DerWriter.tlv(0x06, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x07, 0x02});
        int octets = BOUND - oid.length - 3 * 6;
        byte[] der = new byte[0];
        for (int attempt = 0; attempt < 4 && der.length != BOUND; attempt++) {
            der = DerWriter.tlv(0x30, concat(oid, DerWriter.tlv(0xa0, DerWriter.tlv(0x04, new byte[octets]))));
            octets += BOUND - der.length;
        }
        return der;
    }

    private byte[] withExtension(ASN1ObjectIdentifier oid) throws GeneralSecurityException {
        Issued signer = pki.withExtension("fuzz nested extension", pki.signer.keys(), oid, CmsGenerator.nested(100_000));
        return new CmsBuilder(new byte[] {1, 2, 3}).signer(signer, "SHA256withECDSA", null, pki.random())
                .certificates(signer.holder(), pki.intermediate.holder()).build();
    }

    private static byte[] indefinite(int depth) {
        byte[] inner = {0x05, 0x00};
        for (int i = 0; i < depth; i++) {
            inner = DerWriter.constructed(0x30, List.of(inner), true);
        }
        return inner;
    }

    /** A SignedData skeleton whose signer-info set (or certificate set) repeats {@code element}. */
    private byte[] repeatedInSet(byte[] element, int times, boolean signerInfos) {
        List<byte[]> copies = new ArrayList<>(times);
        for (int i = 0; i < times; i++) {
            copies.add(element);
        }
        byte[] many = DerWriter.constructed(signerInfos ? 0x31 : 0xa0, copies, false);
        byte[] digest = DerWriter.tlv(0x31, DerWriter.tlv(0x30, DerWriter.tlv(0x06, new byte[] {0x60, (byte) 0x86, 0x48,
            0x01, 0x65, 0x03, 0x04, 0x02, 0x01})));
        byte[] encapsulated = DerWriter.tlv(0x30, concat(DerWriter.tlv(0x06, new byte[] {0x2a, (byte) 0x86, 0x48,
            (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x01}), DerWriter.tlv(0xa0, DerWriter.tlv(0x04, new byte[4]))));
        byte[] version = DerWriter.tlv(0x02, new byte[] {1});
        byte[] body = signerInfos ? concat(version, digest, encapsulated, many)
                : concat(version, digest, encapsulated, many, DerWriter.tlv(0x31, new byte[0]));
        return DerWriter.tlv(0x30, concat(DerWriter.tlv(0x06, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02}), DerWriter.tlv(0xa0, DerWriter.tlv(0x30, body))));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
