package dev.kprov.agent.message;

/**
 * The KuraPayload codec of PROTOCOL.md section 2, without protobuf-java: its output is byte for byte what
 * protobuf-java writes, and it reads anything protobuf-java writes, within the bounds of section 7.
 */
public final class PayloadCodec {

    private PayloadCodec() {
    }

    /** The payload in protobuf wire format, not compressed. */
    public static byte[] encode(Payload payload) {
        return PayloadEncoder.encode(payload);
    }

    /**
     * The payload gzip-compressed, as a platform may send a large reply (PROTOCOL.md section 2). The
     * receiver's bounds apply to both sizes: check {@link Limits} before sending.
     */
    public static byte[] encodeGzip(Payload payload) {
        return GzipOutput.compress(encode(payload));
    }

    /**
     * Decodes a message as it arrives over MQTT: at most {@link Limits#MAX_WIRE_BYTES}; gzip (first bytes
     * 0x1f 0x8b) is inflated once, to at most {@link Limits#MAX_INFLATED_BYTES}; at most
     * {@link Limits#MAX_METRICS} metrics.
     *
     * @throws MessageException naming what is wrong, for anything malformed or past a bound
     */
    public static Payload decode(byte[] wire) throws MessageException {
        if (wire.length > Limits.MAX_WIRE_BYTES) {
            throw new MessageException("payload of " + wire.length + " bytes, more than the " + Limits.MAX_WIRE_BYTES
                    + " allowed on the wire (PROTOCOL.md section 7)");
        }
        if (!Gunzip.isGzip(wire)) {
            return PayloadDecoder.decode(wire);
        }
        byte[] inflated = new Gunzip(Limits.MAX_INFLATED_BYTES).inflate(wire);
        if (Gunzip.isGzip(inflated)) {
            throw new MessageException("gzip payload holds another gzip stream; it is inflated only once");
        }
        return PayloadDecoder.decode(inflated);
    }

    /**
     * Decodes a payload that is never compressed and did not come straight off the wire: the signed content
     * of a provisioning package (PROTOCOL.md section 6.1), bounded by {@link Limits#MAX_INFLATED_BYTES}.
     *
     * @throws MessageException naming what is wrong, for anything malformed or past a bound
     */
    public static Payload decodePlain(byte[] content) throws MessageException {
        if (content.length > Limits.MAX_INFLATED_BYTES) {
            throw new MessageException("payload of " + content.length + " bytes, more than the "
                    + Limits.MAX_INFLATED_BYTES + " allowed (PROTOCOL.md section 7)");
        }
        if (Gunzip.isGzip(content)) {
            throw new MessageException("payload is gzip-compressed where PROTOCOL.md section 6.1 forbids it");
        }
        return PayloadDecoder.decode(content);
    }
}
