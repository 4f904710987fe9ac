package dev.kprov.agent.trust;

import dev.kprov.agent.trust.TrustException.Kind;

/**
 * A structural check of DER/BER bytes before any ASN.1 library sees them: exactly one element spanning
 * the whole input, every length inside its parent, and nesting bounded. BouncyCastle parses nested
 * elements recursively, so a few megabytes of nested SEQUENCE headers would otherwise overflow the stack
 * (PROTOCOL.md section 7: bad input is refused before any work is done on it). Iterative, no allocation
 * per element.
 */
final class DerShape {

    /** A CMS SignedData with certificates nests about 12 deep; 64 leaves room for odd encoders. */
    static final int MAX_DEPTH = 64;

    private static final int INDEFINITE = -1;

    private DerShape() {
    }

    static void check(byte[] der, String what) throws TrustException {
        // ends[d]: end offset of the open constructed element at depth d, or INDEFINITE;
        // limits[d]: where its children must end (for an indefinite element, its parent's limit)
        int[] ends = new int[MAX_DEPTH];
        int[] limits = new int[MAX_DEPTH];
        int depth = 0;
        int pos = 0;
        boolean first = true;
        while (true) {
            int end = depth == 0 ? der.length : ends[depth - 1];
            if (depth > 0 && end != INDEFINITE && pos == end) {
                depth--;
                continue;
            }
            if (depth == 0 && !first) {
                if (pos != der.length) {
                    throw malformed(what, (der.length - pos) + " bytes after the end of the DER structure");
                }
                return;
            }
            first = false;
            int limit = depth == 0 ? der.length : limits[depth - 1];
            if (pos + 2 > limit) {
                throw malformed(what, "truncated at byte " + pos);
            }
            int tag = der[pos++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                int tagBytes = 0;
                while (pos < limit && (der[pos] & 0x80) != 0) {
                    pos++;
                    if (++tagBytes > 4) {
                        throw malformed(what, "tag number too long at byte " + pos);
                    }
                }
                pos++;
            }
            if (pos >= limit) {
                throw malformed(what, "truncated at byte " + pos);
            }
            int first8 = der[pos++] & 0xff;
            boolean constructed = (tag & 0x20) != 0;
            if (tag == 0 && first8 == 0) {
                // end-of-contents: closes the innermost indefinite-length element
                if (depth == 0 || end != INDEFINITE) {
                    throw malformed(what, "unexpected end-of-contents at byte " + (pos - 2));
                }
                depth--;
                continue;
            }
            int length;
            if (first8 < 0x80) {
                length = first8;
            } else if (first8 == 0x80) {
                if (!constructed) {
                    throw malformed(what, "indefinite length on a primitive element at byte " + (pos - 2));
                }
                length = INDEFINITE;
            } else {
                int count = first8 & 0x7f;
                if (count > 4 || pos + count > limit) {
                    throw malformed(what, "bad length at byte " + (pos - 1));
                }
                long value = 0;
                for (int i = 0; i < count; i++) {
                    value = (value << 8) | (der[pos++] & 0xff);
                }
                if (value > limit - pos) {
                    throw malformed(what, "length " + value + " runs past the end of its container at byte " + pos);
                }
                length = (int) value;
            }
            if (length != INDEFINITE && length > limit - pos) {
                // short form too: a constructed element must not claim more than its container holds
                throw malformed(what, "length " + length + " runs past the end of its container at byte " + pos);
            }
            if (constructed) {
                if (depth == MAX_DEPTH) {
                    throw malformed(what, "nested more than " + MAX_DEPTH + " levels deep");
                }
                ends[depth] = length == INDEFINITE ? INDEFINITE : pos + length;
                limits[depth] = length == INDEFINITE ? limit : pos + length;
                depth++;
            } else {
                pos += length;
            }
        }
    }

    private static TrustException malformed(String what, String detail) {
        return new TrustException(Kind.MALFORMED, what + " is not valid DER: " + detail);
    }
}
