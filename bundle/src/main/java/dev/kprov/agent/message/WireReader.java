package dev.kprov.agent.message;

/**
 * Reads protobuf wire format (varints, fixed-size values, length-delimited fields) from a region of an
 * array, failing on anything truncated or malformed instead of guessing.
 */
final class WireReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;

    private static final int MAX_FIELD_NUMBER = (1 << 29) - 1;

    private final byte[] buffer;
    private final int limit;
    private int position;

    WireReader(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    boolean atEnd() {
        return position >= limit;
    }

    int position() {
        return position;
    }

    /** A tag: field number shifted left by three, or-ed with the wire type. */
    int readTag() throws MessageException {
        long tag = readVarint("a field tag");
        int fieldNumber = (int) (tag >>> 3);
        if (tag >>> 3 > MAX_FIELD_NUMBER || fieldNumber == 0) {
            throw new MessageException("invalid field number " + (tag >>> 3) + " at byte " + position);
        }
        int wireType = (int) (tag & 7);
        if (wireType > FIXED32) {
            throw new MessageException("invalid wire type " + wireType + " for field " + fieldNumber + " at byte "
                    + position);
        }
        return (int) tag;
    }

    /** A varint of at most ten bytes whose value fits in 64 bits. */
    long readVarint(String what) throws MessageException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw new MessageException("truncated: input ends inside " + what);
            }
            byte b = buffer[position++];
            if (shift == 63 && (b & 0x7e) != 0) {
                throw new MessageException("varint in " + what + " overflows 64 bits");
            }
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MessageException("over-long varint in " + what + " (more than 10 bytes)");
    }

    long readFixed64(String what) throws MessageException {
        require(8, what);
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | buffer[position + i] & 0xffL;
        }
        position += 8;
        return value;
    }

    int readFixed32(String what) throws MessageException {
        require(4, what);
        int value = 0;
        for (int i = 3; i >= 0; i--) {
            value = value << 8 | buffer[position + i] & 0xff;
        }
        position += 4;
        return value;
    }

    /** Reads a length prefix and returns the length; the bytes follow at {@link #position()}. */
    int readLength(String what) throws MessageException {
        long length = readVarint("the length of " + what);
        if (length < 0 || length > limit - position) {
            throw new MessageException("truncated: " + what + " declares " + Long.toUnsignedString(length)
                    + " bytes, only " + (limit - position) + " remain");
        }
        return (int) length;
    }

    byte[] readBytes(String what) throws MessageException {
        int length = readLength(what);
        byte[] bytes = new byte[length];
        System.arraycopy(buffer, position, bytes, 0, length);
        position += length;
        return bytes;
    }

    String readString(String what) throws MessageException {
        int length = readLength(what);
        String text = Text.utf8(buffer, position, length, what);
        position += length;
        return text;
    }

    /** A sub-reader over the next length-delimited field, which this reader then skips. */
    WireReader readMessage(String what) throws MessageException {
        int length = readLength(what);
        WireReader message = new WireReader(buffer, position, length);
        position += length;
        return message;
    }

    /** Skips the value of a field whose tag was just read, whatever its wire type (groups included). */
    void skipField(int tag, int depth) throws MessageException {
        int fieldNumber = tag >>> 3;
        String what = "unknown field " + fieldNumber;
        switch (tag & 7) {
            case VARINT:
                readVarint(what);
                break;
            case FIXED64:
                skip(8, what);
                break;
            case LENGTH_DELIMITED:
                skip(readLength(what), what);
                break;
            case START_GROUP:
                skipGroup(fieldNumber, depth + 1);
                break;
            case FIXED32:
                skip(4, what);
                break;
            default: // END_GROUP: only valid to close a group being skipped
                throw new MessageException("end of group " + fieldNumber + " without its start");
        }
    }

    private void skipGroup(int fieldNumber, int depth) throws MessageException {
        if (depth > Limits.MAX_GROUP_DEPTH) {
            throw new MessageException("groups nested deeper than " + Limits.MAX_GROUP_DEPTH);
        }
        while (true) {
            if (atEnd()) {
                throw new MessageException("truncated: input ends inside group " + fieldNumber);
            }
            int tag = readTag();
            if ((tag & 7) == END_GROUP) {
                if (tag >>> 3 != fieldNumber) {
                    throw new MessageException("group " + fieldNumber + " closed as group " + (tag >>> 3));
                }
                return;
            }
            skipField(tag, depth);
        }
    }

    private void skip(int count, String what) throws MessageException {
        require(count, what);
        position += count;
    }

    private void require(int count, String what) throws MessageException {
        if (limit - position < count) {
            throw new MessageException("truncated: " + what + " needs " + count + " bytes, only " + (limit - position)
                    + " remain");
        }
    }
}
