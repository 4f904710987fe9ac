package dev.kprov.fuzz.readers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes ASN.1 DER (and BER with indefinite lengths) from a small random grammar: nested sequences, sets
 * and context tags around integers, OIDs of the CMS and X.509 world, times, strings and octets; and a
 * SignedData skeleton around real certificates, so that random structure reaches past the first checks.
 */
final class DerWriter {

    private static final byte[][] OIDS = {
        {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02}, // signedData
        {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x01}, // data
        {0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01}, // sha256
        {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02}, // ecdsa-with-SHA256
        {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b}, // sha256WithRSA
        {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0a}, // RSASSA-PSS
        {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x09, 0x05}, // signingTime
        {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x09, 0x04}, // messageDigest
        {0x55, 0x1d, 0x0f}, {0x55, 0x1d, 0x13}, {0x55, 0x04, 0x03}, {(byte) 0x81, (byte) 0x80, (byte) 0x80, 0x00}};

    private DerWriter() {
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        length(out, content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] constructed(int tag, List<byte[]> children, boolean indefinite) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        children.forEach(content::writeBytes);
        if (!indefinite) {
            return tlv(tag, content.toByteArray());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        out.write(0x80);
        out.writeBytes(content.toByteArray());
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    static void length(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else if (length < 0x1000000) {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x84);
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
    }

    /** A random element at most {@code depth} levels deep. */
    static byte[] element(SplittableRandom random, int depth) {
        int roll = random.nextInt(depth <= 0 ? 8 : 14);
        switch (roll) {
            case 0:
                return tlv(0x02, PayloadGenerator.bytes(random, 9));
            case 1:
                return tlv(0x06, OIDS[random.nextInt(OIDS.length)]);
            case 2:
                return tlv(0x05, new byte[0]);
            case 3:
                return tlv(0x01, new byte[] {(byte) (random.nextBoolean() ? 0xff : 0)});
            case 4:
                return tlv(random.nextBoolean() ? 0x17 : 0x18, (random.nextBoolean() ? "270101000000Z"
                        : "20270101000000Z").getBytes(StandardCharsets.US_ASCII));
            case 5:
                return tlv(0x04, PayloadGenerator.bytes(random, 40));
            case 6:
                return tlv(0x03, PayloadGenerator.bytes(random, 40));
            case 7:
                return tlv(random.nextBoolean() ? 0x0c : 0x13, "kprov".getBytes(StandardCharsets.US_ASCII));
            default:
                int[] tags = {0x30, 0x31, 0xa0, 0xa1, 0xa3, 0x30};
                int count = random.nextInt(5);
                List<byte[]> children = new java.util.ArrayList<>();
                for (int i = 0; i < count; i++) {
                    children.add(element(random, depth - 1));
                }
                return constructed(tags[random.nextInt(tags.length)], children, random.nextInt(10) == 0);
        }
    }

    /** ContentInfo(signedData) around a SignedData of random parts, with real certificates in its set. */
    static byte[] signedDataSkeleton(SplittableRandom random, List<byte[]> certificates, byte[] content) {
        boolean ber = random.nextInt(4) == 0;
        List<byte[]> certs = new java.util.ArrayList<>();
        for (int i = random.nextInt(4); i > 0 && !certificates.isEmpty(); i--) {
            certs.add(certificates.get(random.nextInt(certificates.size())));
        }
        byte[] encapsulated = constructed(0x30, List.of(tlv(0x06, OIDS[1]),
                constructed(0xa0, List.of(tlv(0x04, content)), ber)), ber);
        byte[] digestAlgorithm = constructed(0x30, List.of(tlv(0x06, OIDS[2])), false);
        byte[] signerInfo = constructed(0x30, List.of(tlv(0x02, new byte[] {1}), element(random, 3), digestAlgorithm,
                random.nextBoolean() ? constructed(0xa0, List.of(element(random, 2)), false) : element(random, 1),
                constructed(0x30, List.of(tlv(0x06, OIDS[3 + random.nextInt(3)])), false),
                tlv(0x04, PayloadGenerator.bytes(random, 80))), ber);
        List<byte[]> signedData = new java.util.ArrayList<>(List.of(tlv(0x02, new byte[] {1}),
                constructed(0x31, List.of(digestAlgorithm), false), encapsulated));
        if (!certs.isEmpty()) {
            signedData.add(constructed(0xa0, certs, ber));
        }
        signedData.add(constructed(0x31, List.of(signerInfo), false));
        if (random.nextInt(5) == 0) {
            signedData.add(random.nextInt(3), element(random, 3));
        }
        return constructed(0x30, List.of(tlv(0x06, OIDS[0]),
                constructed(0xa0, List.of(constructed(0x30, signedData, ber)), ber)), ber);
    }
}
