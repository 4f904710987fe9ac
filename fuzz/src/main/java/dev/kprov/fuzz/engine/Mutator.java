package dev.kprov.fuzz.engine;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Byte-level mutations, format-blind except for the token dictionary and the integer encodings it writes
 * where lengths live (protobuf varints, DER length octets, little- and big-endian words). Deterministic
 * for a given random stream. Sizes stay under the target's cap; a rare blow-up repeats a chunk up to it.
 */
public final class Mutator {

    private static final int OPERATIONS = 18;
    /** Most blow-ups stop here; one in {@link #LARGE_BLOW_UP_ODDS} goes to the cap (tens of megabytes). */
    private static final int SMALL_BLOW_UP = 256 * 1024;
    private static final int LARGE_BLOW_UP_ODDS = 64;

    private static final long[] INTERESTING = {0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x3fff, 0x4000, 0x7fff, 0xffff,
        999, 1000, 1001, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0x100000000L, Long.MAX_VALUE, -1L, Long.MIN_VALUE,
        16 * 1024 * 1024, 16 * 1024 * 1024 + 1, 32 * 1024 * 1024 + 1, 1024 * 1024 + 1, 8 * 1024 * 1024 + 1};
    private static final byte[] INTERESTING_BYTES = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x20,
        0x30, 0x31, 0x04, 0x05, 0x06, 0x0a, 0x3c, 0x3e, 0x26};

    private final SplittableRandom random;
    private final List<byte[]> tokens;
    private final int cap;

    public Mutator(SplittableRandom random, List<byte[]> tokens, int cap) {
        this.random = random;
        this.tokens = tokens;
        this.cap = cap;
    }

    /** {@code base} changed by one to sixteen stacked operations; {@code other} feeds splices. */
    public byte[] mutate(byte[] base, byte[] other) {
        byte[] data = base;
        int count = 1;
        while (count < 16 && random.nextInt(2) == 0) {
            count++;
        }
        for (int i = 0; i < count; i++) {
            data = once(data, other);
            if (data.length > cap) {
                data = Arrays.copyOf(data, cap);
            }
        }
        return data == base ? base.clone() : data;
    }

    private byte[] once(byte[] data, byte[] other) {
        if (data.length == 0) {
            return randomBytes(1 + random.nextInt(16));
        }
        switch (random.nextInt(OPERATIONS)) {
            case 0:
                return flipBit(data);
            case 1:
                return set(data, random.nextInt(data.length), (byte) random.nextInt(256));
            case 2:
                return set(data, random.nextInt(data.length), INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]);
            case 3:
                return add(data);
            case 4:
                return insert(data, random.nextInt(data.length + 1), randomBytes(1 + random.nextInt(8)));
            case 5:
                return delete(data);
            case 6:
                return insert(data, random.nextInt(data.length + 1), chunk(data));
            case 7:
                return overwrite(data, random.nextInt(data.length), chunk(data));
            case 8:
                return splice(data, other);
            case 9:
                return insert(data, random.nextInt(data.length + 1), chunk(other.length == 0 ? data : other));
            case 10:
                return integer(data);
            case 11:
                return derLength(data);
            case 12:
                return Arrays.copyOf(data, random.nextInt(data.length));
            case 13:
                return tokens.isEmpty() ? flipBit(data) : insert(data, random.nextInt(data.length + 1), token());
            case 14:
                return tokens.isEmpty() ? flipBit(data) : overwrite(data, random.nextInt(data.length), token());
            case 15:
                return random.nextInt(4) == 0 ? blowUp(data) : insert(data, random.nextInt(data.length + 1), repeat(chunk(data), 2 + random.nextInt(16)));
            case 16:
                return swap(data);
            default:
                return shuffle(data);
        }
    }

    private byte[] flipBit(byte[] data) {
        int at = random.nextInt(data.length);
        return set(data, at, (byte) (data[at] ^ (1 << random.nextInt(8))));
    }

    private byte[] add(byte[] data) {
        int at = random.nextInt(data.length);
        return set(data, at, (byte) (data[at] + random.nextInt(-16, 17)));
    }

    private static byte[] set(byte[] data, int at, byte value) {
        byte[] copy = data.clone();
        copy[at] = value;
        return copy;
    }

    private byte[] delete(byte[] data) {
        int at = random.nextInt(data.length);
        int length = Math.min(data.length - at, 1 + random.nextInt(random.nextInt(4) == 0 ? data.length : 16));
        byte[] out = new byte[data.length - length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(data, at + length, out, at, data.length - at - length);
        return out;
    }

    private byte[] splice(byte[] data, byte[] other) {
        if (other.length == 0) {
            return delete(data);
        }
        int head = random.nextInt(data.length + 1);
        int tail = random.nextInt(other.length + 1);
        byte[] out = Arrays.copyOf(data, head + other.length - tail);
        System.arraycopy(other, tail, out, head, other.length - tail);
        return out;
    }

    /** An interesting integer as a varint, a ten-byte over-long varint, or a 4- or 8-byte word. */
    private byte[] integer(byte[] data) {
        long value = INTERESTING[random.nextInt(INTERESTING.length)];
        if (random.nextInt(4) == 0) {
            value += random.nextInt(-2, 3);
        }
        byte[] encoded;
        switch (random.nextInt(5)) {
            case 0:
                encoded = word(value, 4, false);
                break;
            case 1:
                encoded = word(value, 8, false);
                break;
            case 2:
                encoded = word(value, 4, true);
                break;
            default:
                encoded = varint(value, random.nextInt(8) == 0);
        }
        int at = random.nextInt(data.length);
        return random.nextBoolean() ? overwrite(data, at, encoded) : insert(data, at, encoded);
    }

    /** A DER length: short, long form of one to five octets, indefinite (0x80), or a reserved 0xff. */
    private byte[] derLength(byte[] data) {
        long value = INTERESTING[random.nextInt(INTERESTING.length)] & 0xffffffffL;
        byte[] encoded;
        switch (random.nextInt(6)) {
            case 0:
                encoded = new byte[] {(byte) 0x80};
                break;
            case 1:
                encoded = new byte[] {(byte) 0xff};
                break;
            case 2:
                encoded = new byte[] {(byte) (value & 0x7f)};
                break;
            case 3:
                encoded = new byte[] {(byte) 0x85, 0, 0, 0, 0, 1};
                break;
            default:
                int octets = 1 + random.nextInt(4);
                byte[] word = word(value, octets, true);
                encoded = new byte[octets + 1];
                encoded[0] = (byte) (0x80 | octets);
                System.arraycopy(word, 0, encoded, 1, octets);
        }
        int at = random.nextInt(data.length);
        return random.nextBoolean() ? overwrite(data, at, encoded) : insert(data, at, encoded);
    }

    private byte[] blowUp(byte[] data) {
        byte[] piece = chunk(data);
        int target = random.nextInt(LARGE_BLOW_UP_ODDS) == 0 ? cap : Math.min(cap, SMALL_BLOW_UP);
        int times = Math.max(2, (target - data.length) / Math.max(1, piece.length));
        return insert(data, random.nextInt(data.length + 1), repeat(piece, times));
    }

    private byte[] swap(byte[] data) {
        if (data.length < 4) {
            return flipBit(data);
        }
        int length = 1 + random.nextInt(Math.min(64, data.length / 2));
        int a = random.nextInt(data.length - length + 1);
        int b = random.nextInt(data.length - length + 1);
        byte[] out = data.clone();
        System.arraycopy(data, a, out, b, length);
        System.arraycopy(data, b, out, a, length);
        return out;
    }

    private byte[] shuffle(byte[] data) {
        int length = Math.min(data.length, 2 + random.nextInt(7));
        int at = random.nextInt(data.length - length + 1);
        byte[] out = data.clone();
        for (int i = length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            byte t = out[at + i];
            out[at + i] = out[at + j];
            out[at + j] = t;
        }
        return out;
    }

    private byte[] chunk(byte[] data) {
        if (data.length == 0) {
            return data;
        }
        int length = 1 + random.nextInt(Math.min(data.length, random.nextInt(4) == 0 ? 1024 : 32));
        int at = random.nextInt(data.length - length + 1);
        return Arrays.copyOfRange(data, at, at + length);
    }

    private byte[] token() {
        return tokens.get(random.nextInt(tokens.size()));
    }

    private byte[] randomBytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    private byte[] repeat(byte[] piece, int times) {
        long total = Math.min((long) piece.length * times, cap);
        byte[] out = new byte[(int) total];
        for (int at = 0; at < out.length; at += piece.length) {
            System.arraycopy(piece, 0, out, at, Math.min(piece.length, out.length - at));
        }
        return out;
    }

    private byte[] insert(byte[] data, int at, byte[] piece) {
        int length = (int) Math.min(piece.length, Math.max(0L, (long) cap - data.length));
        byte[] out = new byte[data.length + length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, length);
        System.arraycopy(data, at, out, at + length, data.length - at);
        return out;
    }

    private static byte[] overwrite(byte[] data, int at, byte[] piece) {
        byte[] out = data.clone();
        System.arraycopy(piece, 0, out, at, Math.min(piece.length, data.length - at));
        return out;
    }

    static byte[] varint(long value, boolean overLong) {
        byte[] out = new byte[10];
        int n = 0;
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out[n++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[n++] = (byte) v;
        if (overLong && n < 10) {
            out[n - 1] |= (byte) 0x80;
            while (n < 9) {
                out[n++] = (byte) 0x80;
            }
            out[n++] = 0;
        }
        return Arrays.copyOf(out, n);
    }

    private static byte[] word(long value, int octets, boolean bigEndian) {
        byte[] out = new byte[octets];
        for (int i = 0; i < octets; i++) {
            out[bigEndian ? octets - 1 - i : i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
