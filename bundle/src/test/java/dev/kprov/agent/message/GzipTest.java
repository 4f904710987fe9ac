package dev.kprov.agent.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gzip payloads (PROTOCOL.md section 2): inflated once, within the bound of section 7, and only when the
 * gzip stream is whole and alone.
 */
class GzipTest {

    private static final int MIB = 1024 * 1024;
    private static byte[] bomb;

    private final Payload payload = Payload.builder().timestamp(42).addString("request.id", "x").addBytes("blob",
            new byte[5000]).body(new byte[] {1, 2, 3}).build();

    /** 40 MiB of zeros in one gzip member, honest about its size: about 40 KB. */
    @BeforeAll
    static void makeBomb() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            byte[] zeros = new byte[MIB];
            for (int i = 0; i < 40; i++) {
                gzip.write(zeros);
            }
        }
        bomb = out.toByteArray();
    }

    @Test
    void aGzipPayloadIsInflatedAndDecoded() throws MessageException {
        assertEquals(payload, PayloadCodec.decode(PayloadCodec.encodeGzip(payload)));
    }

    @Test
    void optionalHeaderFieldsAreSkipped() throws MessageException {
        byte[] plain = PayloadCodec.encode(payload);
        byte[] gzip = gzip(0x02 | 0x04 | 0x08 | 0x10, plain, 0);
        assertEquals(payload, PayloadCodec.decode(gzip));
    }

    @Test
    void aBombThatDeclaresItsSizeIsRejectedWithoutInflating() {
        Gunzip gunzip = new Gunzip(Limits.MAX_INFLATED_BYTES);
        MessageException e = assertThrows(MessageException.class, () -> gunzip.inflate(bomb));
        assertTrue(e.getMessage().contains("declares 41943040 bytes"), e.getMessage());
        assertEquals(0, gunzip.inflated());
    }

    @Test
    void aBombThatHidesItsSizeIsStoppedAtTheBoundWithoutAllocatingPastIt() {
        byte[] lying = bomb.clone();
        lying[lying.length - 4] = 100; // ISIZE now claims 100 bytes (plus high bytes of 40 MiB: 0x02800064)
        lying[lying.length - 3] = 0;
        lying[lying.length - 2] = 0;
        lying[lying.length - 1] = 0;
        Gunzip gunzip = new Gunzip(Limits.MAX_INFLATED_BYTES);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());

        MessageException e = assertThrows(MessageException.class, () -> gunzip.inflate(lying));

        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(e.getMessage().contains("inflates to more than 33554432 bytes"), e.getMessage());
        assertTrue(gunzip.inflated() <= Limits.MAX_INFLATED_BYTES + 1, "inflated " + gunzip.inflated());
        assertTrue(allocated < Limits.MAX_INFLATED_BYTES + 2 * MIB, "allocated " + allocated);
    }

    @Test
    void theBoundItselfIsAllowed() throws MessageException {
        byte[] exactly = new byte[4096];
        Arrays.fill(exactly, (byte) 7);
        assertArrayEquals(exactly, new Gunzip(4096).inflate(gzip(0, exactly, 0)));
        byte[] oneMore = Arrays.copyOf(exactly, 4097);
        assertThrows(MessageException.class, () -> new Gunzip(4096).inflate(gzip(0, oneMore, 0)));
    }

    @Test
    void truncatedGzipIsRejectedWhereverItIsCut() {
        byte[] whole = PayloadCodec.encodeGzip(payload);
        for (int length = 2; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            MessageException e = assertThrows(MessageException.class, () -> PayloadCodec.decode(cut), "cut at " + length);
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("declared size")
                    || e.getMessage().contains("CRC"), "cut at " + length + ": " + e.getMessage());
        }
    }

    @Test
    void trailingBytesAfterTheGzipMemberAreRejected() {
        byte[] gzip = PayloadCodec.encodeGzip(payload);
        assertRejected(concat(gzip, new byte[] {0}), "1 bytes after its end");
        assertRejected(concat(gzip, gzip), "bytes after its end");
    }

    @Test
    void aWrongChecksumOrSizeIsRejected() {
        byte[] plain = PayloadCodec.encode(payload);
        assertRejected(gzip(0, plain, 1), "CRC-32");
        byte[] wrongSize = PayloadCodec.encodeGzip(payload);
        wrongSize[wrongSize.length - 4]++;
        assertRejected(wrongSize, "declared size");
        byte[] badHeaderCrc = gzip(0x02, plain, 0);
        badHeaderCrc[10]++;
        assertRejected(badHeaderCrc, "header CRC");
    }

    @Test
    void aHeaderGzipDoesNotDefineIsRejected() {
        byte[] method = PayloadCodec.encodeGzip(payload);
        method[2] = 7;
        assertRejected(method, "compression method 7");
        byte[] reserved = PayloadCodec.encodeGzip(payload);
        reserved[3] = (byte) 0x80;
        assertRejected(reserved, "reserved header flags");
        assertRejected(new byte[] {0x1f, (byte) 0x8b, 8, 0}, "10-byte header");
    }

    @Test
    void corruptDeflateDataIsRejected() {
        byte[] corrupt = PayloadCodec.encodeGzip(payload);
        corrupt[10] = (byte) 0xff; // block type 3 does not exist
        assertRejected(corrupt, "corrupt");
    }

    @Test
    void gzipInsideGzipIsNotInflatedTwice() {
        byte[] twice = GzipOutput.compress(PayloadCodec.encodeGzip(payload));
        assertRejected(twice, "another gzip stream");
    }

    @Test
    void signedContentMustNotBeGzip() {
        MessageException e = assertThrows(MessageException.class,
                () -> PayloadCodec.decodePlain(PayloadCodec.encodeGzip(payload)));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    private static void assertRejected(byte[] wire, String fragment) {
        MessageException e = assertThrows(MessageException.class, () -> PayloadCodec.decode(wire));
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    /** A gzip member written by hand, with the given header flags and a CRC off by {@code crcError}. */
    private static byte[] gzip(int flags, byte[] plain, int crcError) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, (byte) 255}, 0, 10);
        if ((flags & 0x04) != 0) {
            out.write(new byte[] {3, 0, 'a', 'b', 'c'}, 0, 5);
        }
        if ((flags & 0x08) != 0) {
            out.write(new byte[] {'f', '.', 'b', 'i', 'n', 0}, 0, 6);
        }
        if ((flags & 0x10) != 0) {
            out.write(new byte[] {'h', 'i', 0}, 0, 3);
        }
        if ((flags & 0x02) != 0) {
            CRC32 header = new CRC32();
            header.update(out.toByteArray());
            out.write((int) header.getValue());
            out.write((int) header.getValue() >>> 8);
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(plain);
        deflater.finish();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(plain);
        writeInt(out, (int) crc.getValue() + crcError);
        writeInt(out, plain.length);
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> 8 * i);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
