package dev.kprov.agent.itest;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Just enough MQTT 3.1.1 framing for {@link FaultyLink}: whole control packets read off a stream (fixed
 * header, remaining length, body), the topic and packet id of a PUBLISH, and a QoS 1 PUBLISH made up; and
 * just enough KuraPayload (PROTOCOL.md section 2) to make up a 202 reply (section 6).
 */
final class MqttPackets {

    static final int CONNECT = 1;
    static final int CONNACK = 2;
    static final int PUBLISH = 3;
    static final int PUBACK = 4;
    static final int SUBSCRIBE = 8;
    static final int SUBACK = 9;
    /** The protocol's bound on a reply (PROTOCOL.md section 7), with room for the headers. */
    private static final int MAX_PACKET = 17 * 1024 * 1024;

    /** One control packet as it went over the wire. */
    static final class Packet {
        final byte[] bytes;
        private final int bodyStart;

        private Packet(byte[] bytes, int bodyStart) {
            this.bytes = bytes;
            this.bodyStart = bodyStart;
        }

        int type() {
            return (bytes[0] & 0xff) >> 4;
        }

        int qos() {
            return (bytes[0] >> 1) & 3;
        }

        /** The topic of a PUBLISH. */
        String topic() {
            int length = u16(bodyStart);
            return new String(bytes, bodyStart + 2, length, StandardCharsets.UTF_8);
        }

        /** The packet id of a PUBLISH at QoS 1 or 2, or of a PUBACK. */
        int packetId() {
            return type() == PUBLISH ? u16(bodyStart + 2 + u16(bodyStart)) : u16(bodyStart);
        }

        private int u16(int at) {
            return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
        }

        @Override
        public String toString() {
            return "packet type " + type() + (type() == PUBLISH ? " on " + topic() : "") + ", " + bytes.length + " bytes";
        }
    }

    private MqttPackets() {
    }

    /** The next whole packet, or null at the end of the stream. */
    static Packet read(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(first);
        int length = 0;
        for (int i = 0, multiplier = 1;; i++, multiplier *= 128) {
            int b = in.read();
            if (b < 0 || i == 4) {
                throw new EOFException("remaining length cut or too long");
            }
            header.write(b);
            length += (b & 0x7f) * multiplier;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length > MAX_PACKET) {
            throw new IOException("packet of " + length + " bytes");
        }
        byte[] bytes = new byte[header.size() + length];
        System.arraycopy(header.toByteArray(), 0, bytes, 0, header.size());
        new DataInputStream(in).readFully(bytes, header.size(), length);
        return new Packet(bytes, header.size());
    }

    /** A PUBLISH at QoS 1, not retained, not a redelivery. */
    static byte[] publish(String topic, int packetId, byte[] payload) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(name.length >> 8);
        body.write(name.length & 0xff);
        body.write(name, 0, name.length);
        body.write(packetId >> 8);
        body.write(packetId & 0xff);
        body.write(payload, 0, payload.length);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(PUBLISH << 4 | 1 << 1);
        int length = body.size();
        do {
            int b = length % 128;
            length /= 128;
            packet.write(length > 0 ? b | 0x80 : b);
        } while (length > 0);
        packet.write(body.toByteArray(), 0, body.size());
        return packet.toByteArray();
    }

    /** The same PUBLISH with another packet id: the same message, delivered once more as a new one. */
    static byte[] withPacketId(Packet publish, int packetId) {
        byte[] copy = publish.bytes.clone();
        int at = publish.bodyStart + 2 + publish.u16(publish.bodyStart);
        copy[at] = (byte) (packetId >> 8);
        copy[at + 1] = (byte) packetId;
        return copy;
    }

    /** A KuraPayload with {@code response.code} = 202 and the request's id: "still working" (PROTOCOL.md 6). */
    static byte[] stillWorking(String requestId) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        string(code, 1, "response.code");
        code.write(2 << 3);
        code.write(3); // INT32
        code.write(6 << 3);
        varint(code, 202);
        message(payload, code);
        ByteArrayOutputStream id = new ByteArrayOutputStream();
        string(id, 1, "request.id");
        id.write(2 << 3);
        id.write(5); // STRING
        string(id, 8, requestId);
        message(payload, id);
        return payload.toByteArray();
    }

    /** A metric: field 5000, length-delimited. */
    private static void message(ByteArrayOutputStream out, ByteArrayOutputStream metric) {
        varint(out, 5000 << 3 | 2);
        varint(out, metric.size());
        out.write(metric.toByteArray(), 0, metric.size());
    }

    private static void string(ByteArrayOutputStream out, int field, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        varint(out, field << 3 | 2);
        varint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7f) != 0) {
            out.write(value & 0x7f | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }
}
