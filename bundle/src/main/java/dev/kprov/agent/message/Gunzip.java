package dev.kprov.agent.message;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one gzip member (RFC 1952) with a hard bound on the output (PROTOCOL.md sections 2 and 7).
 * Inflation stops, and the input is rejected, as soon as the output would pass the bound: a bomb costs at
 * most the bound in memory, never its full size. Truncated input, a bad checksum or length, and bytes after
 * the member are rejected too. java.util.zip.GZIPInputStream is not used because it ignores trailing
 * garbage and cannot stop at a bound by itself.
 */
final class Gunzip {

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED = 0xe0;
    private static final int TRAILER = 8;
    private static final int BLOCK = 1024 * 1024;
    /** Deflate cannot expand more than about 1032 to 1: a larger size hint is a lie. */
    private static final int MAX_RATIO = 1032;

    private final int maxOutput;
    private long inflated;

    Gunzip(int maxOutput) {
        this.maxOutput = maxOutput;
    }

    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** Bytes inflated by the last call to {@link #inflate}, whether it succeeded or not (for tests). */
    long inflated() {
        return inflated;
    }

    byte[] inflate(byte[] gzip) throws MessageException {
        inflated = 0;
        int start = headerLength(gzip);
        // The trailer's size field (mod 2^32) is only a hint until the checksum proves it. A hint past the
        // bound is proof enough: every size it can stand for is past the bound too.
        long declared = gzip.length - start >= TRAILER ? readInt(gzip, gzip.length - 4) & 0xffffffffL : 0;
        if (declared > maxOutput) {
            throw new MessageException("gzip payload declares " + declared + " bytes inflated, more than the "
                    + maxOutput + " allowed (PROTOCOL.md section 7), or it is truncated");
        }
        long plausible = Math.min(declared, (long) (gzip.length - start) * MAX_RATIO);
        Output output = new Output((int) plausible);
        CRC32 crc = new CRC32();
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(gzip, start, gzip.length - start);
            while (!inflater.finished()) {
                if (output.total == maxOutput) {
                    checkNothingMore(inflater);
                    continue;
                }
                byte[] block = output.block(maxOutput);
                int offset = output.offset;
                int n = inflate(inflater, block, offset, block.length - offset);
                crc.update(block, offset, n);
                output.advance(n);
                inflated = output.total;
            }
            return finish(gzip, inflater.getRemaining(), crc, output);
        } finally {
            inflater.end();
        }
    }

    /** At the bound, one more inflated byte is one too many; the end of the stream is fine. */
    private void checkNothingMore(Inflater inflater) throws MessageException {
        byte[] one = new byte[1];
        if (inflate(inflater, one, 0, 1) > 0) {
            inflated++;
            throw new MessageException("gzip payload inflates to more than " + maxOutput
                    + " bytes (PROTOCOL.md section 7); stopped there");
        }
    }

    private static int inflate(Inflater inflater, byte[] block, int offset, int length) throws MessageException {
        long read = inflater.getBytesRead();
        int n;
        try {
            n = inflater.inflate(block, offset, length);
        } catch (DataFormatException e) {
            throw new MessageException("gzip payload is corrupt: " + e.getMessage());
        }
        if (n == 0 && !inflater.finished()) {
            if (inflater.needsDictionary()) {
                throw new MessageException("gzip payload needs a preset dictionary, which gzip never uses");
            }
            if (inflater.needsInput()) {
                throw new MessageException("gzip payload is truncated: compressed data ends early");
            }
            if (inflater.getBytesRead() == read) {
                throw new MessageException("gzip payload is corrupt: inflation makes no progress");
            }
        }
        return n;
    }

    private byte[] finish(byte[] gzip, int remaining, CRC32 crc, Output output) throws MessageException {
        if (remaining < TRAILER) {
            throw new MessageException("gzip payload is truncated: its 8-byte trailer is incomplete");
        }
        if (remaining > TRAILER) {
            throw new MessageException("gzip payload has " + (remaining - TRAILER) + " bytes after its end");
        }
        int trailer = gzip.length - TRAILER;
        if (readInt(gzip, trailer) != (int) crc.getValue()) {
            throw new MessageException("gzip payload fails its CRC-32 check");
        }
        if (readInt(gzip, trailer + 4) != (int) output.total) {
            throw new MessageException("gzip payload's declared size does not match its content");
        }
        return output.toArray();
    }

    /** Checks the fixed header and skips the optional fields; returns where the deflate data starts. */
    private static int headerLength(byte[] gzip) throws MessageException {
        if (gzip.length < 10) {
            throw new MessageException("gzip payload is truncated: its 10-byte header is incomplete");
        }
        if ((gzip[2] & 0xff) != 8) {
            throw new MessageException("gzip payload uses compression method " + (gzip[2] & 0xff) + ", not deflate");
        }
        int flags = gzip[3] & 0xff;
        if ((flags & RESERVED) != 0) {
            throw new MessageException("gzip payload sets reserved header flags");
        }
        int position = 10;
        if ((flags & FEXTRA) != 0) {
            requireHeader(gzip, position + 2);
            position += 2 + ((gzip[position] & 0xff) | (gzip[position + 1] & 0xff) << 8);
            requireHeader(gzip, position);
        }
        if ((flags & FNAME) != 0) {
            position = skipZeroTerminated(gzip, position);
        }
        if ((flags & FCOMMENT) != 0) {
            position = skipZeroTerminated(gzip, position);
        }
        if ((flags & FHCRC) != 0) {
            requireHeader(gzip, position + 2);
            CRC32 crc = new CRC32();
            crc.update(gzip, 0, position);
            int expected = (gzip[position] & 0xff) | (gzip[position + 1] & 0xff) << 8;
            if (((int) crc.getValue() & 0xffff) != expected) {
                throw new MessageException("gzip payload fails its header CRC check");
            }
            position += 2;
        }
        return position;
    }

    private static int skipZeroTerminated(byte[] gzip, int position) throws MessageException {
        while (position < gzip.length) {
            if (gzip[position++] == 0) {
                return position;
            }
        }
        throw new MessageException("gzip payload is truncated inside its header");
    }

    private static void requireHeader(byte[] gzip, int end) throws MessageException {
        if (end > gzip.length) {
            throw new MessageException("gzip payload is truncated inside its header");
        }
    }

    private static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16
                | (bytes[offset + 3] & 0xff) << 24;
    }

    /**
     * The inflated bytes: one array of the hinted size, then 1 MiB blocks if the hint was short, so that
     * memory grows only with what was really inflated.
     */
    private static final class Output {
        private final List<byte[]> blocks = new ArrayList<>();
        private byte[] current;
        int offset;
        long total;

        Output(int hint) {
            current = new byte[hint];
            blocks.add(current);
        }

        /** The block to inflate into, with room after {@link #offset}, never taking the total past max. */
        byte[] block(int max) {
            if (offset == current.length) {
                current = new byte[(int) Math.min(BLOCK, max - total)];
                blocks.add(current);
                offset = 0;
            }
            return current;
        }

        void advance(int n) {
            offset += n;
            total += n;
        }

        byte[] toArray() {
            if (blocks.size() == 1 && current.length == total) {
                return current;
            }
            byte[] all = new byte[(int) total];
            int at = 0;
            for (byte[] block : blocks) {
                int n = (int) Math.min(block.length, total - at);
                System.arraycopy(block, 0, all, at, n);
                at += n;
            }
            return all;
        }
    }
}
