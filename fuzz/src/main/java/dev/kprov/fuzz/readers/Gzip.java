package dev.kprov.fuzz.readers;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes gzip members (RFC 1952) by hand, so that every header field and the trailer can be chosen: the
 * optional extra, name, comment and header CRC, a wrong CRC-32 or size, trailing bytes, a second member,
 * stored or compressed blocks.
 */
final class Gzip {

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;

    private Gzip() {
    }

    /** A correct member, plain header, best compression. */
    static byte[] of(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff});
        out.writeBytes(deflate(plain, Deflater.BEST_COMPRESSION));
        trailer(out, crc(plain), plain.length);
        return out.toByteArray();
    }

    /** A member with random header extras, and now and then a broken trailer or something after it. */
    static byte[] wrap(byte[] plain, SplittableRandom random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int flags = random.nextInt(3) == 0 ? random.nextInt(32) & (FHCRC | FEXTRA | FNAME | FCOMMENT) : 0;
        if (random.nextInt(50) == 0) {
            flags |= 0x20; // reserved
        }
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, (byte) (random.nextInt(40) == 0 ? 7 : 8), (byte) flags, 0, 0, 0,
            0, 0, 3});
        if ((flags & FEXTRA) != 0) {
            int length = random.nextInt(20);
            out.write(length);
            out.write(0);
            out.writeBytes(PayloadGenerator.bytes(random, length));
        }
        if ((flags & FNAME) != 0) {
            out.writeBytes(PayloadGenerator.ascii("payload.pb"));
            out.write(0);
        }
        if ((flags & FCOMMENT) != 0) {
            out.writeBytes(PayloadGenerator.ascii("comment"));
            out.write(0);
        }
        if ((flags & FHCRC) != 0) {
            CRC32 header = new CRC32();
            header.update(out.toByteArray());
            int value = (int) header.getValue() ^ (random.nextInt(10) == 0 ? 1 : 0);
            out.write(value);
            out.write(value >>> 8);
        }
        out.writeBytes(deflate(plain, random.nextInt(4) == 0 ? Deflater.NO_COMPRESSION : Deflater.DEFAULT_COMPRESSION));
        int roll = random.nextInt(20);
        trailer(out, crc(plain) ^ (roll == 0 ? 1 : 0), plain.length + (roll == 1 ? 1 : 0));
        if (roll == 2) {
            out.writeBytes(PayloadGenerator.bytes(random, 8));
        } else if (roll == 3) {
            out.writeBytes(of(plain));
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] plain, int level) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length / 8));
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static int crc(byte[] plain) {
        CRC32 crc = new CRC32();
        crc.update(plain);
        return (int) crc.getValue();
    }

    static void trailer(ByteArrayOutputStream out, int crc, long size) {
        for (int i = 0; i < 4; i++) {
            out.write(crc >>> (8 * i));
        }
        for (int i = 0; i < 4; i++) {
            out.write((int) (size >>> (8 * i)));
        }
    }
}
