package dev.kprov.fuzz.readers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kprov.agent.message.Limits;
import dev.kprov.fuzz.engine.Sample;
import dev.kprov.fuzz.seed.Fixture;
import dev.kprov.fuzz.seed.KuraXml;
import dev.kprov.fuzz.seed.ProtoWriter;

/**
 * Payloads at and just past each bound of PROTOCOL.md section 7 that the codec and the package reader
 * enforce: the wire size, the inflated size (gzip bombs, one with a lying size field), the metric count,
 * group nesting, an application's and the configuration's size. Made when asked; the small (compressed)
 * ones are kept.
 */
final class PayloadProbes {

    private static final List<String> NAMES = List.of("wire-past-bound", "wire-at-bound", "gzip-inflates-to-bound",
            "gzip-inflates-past-bound", "gzip-lying-size", "gzip-in-gzip", "metrics-1000", "metrics-1001",
            "groups-100-deep", "groups-101-deep", "application-past-bound", "configuration-past-bound",
            "package-at-bounds", "body-declares-2GiB", "gzip-bomb-truncated");
    private static final int KEEP_BELOW = 1024 * 1024;

    private final Map<Integer, Sample> kept = new HashMap<>();

    int count() {
        return NAMES.size();
    }

    Sample probe(int index) {
        Sample sample = kept.get(index);
        if (sample != null) {
            return sample;
        }
        sample = new Sample("probe-" + NAMES.get(index), make(index));
        if (sample.bytes().length < KEEP_BELOW) {
            kept.put(index, sample);
        }
        return sample;
    }

    private static byte[] make(int index) {
        switch (index) {
            case 0:
                return new byte[Limits.MAX_WIRE_BYTES + 1];
            case 1:
                return replyOfSize(Limits.MAX_WIRE_BYTES);
            case 2:
                return Gzip.of(replyOfSize(Limits.MAX_INFLATED_BYTES));
            case 3:
                return Gzip.of(replyOfSize(Limits.MAX_INFLATED_BYTES + 1));
            case 4: {
                byte[] bomb = Gzip.of(new byte[40 * 1024 * 1024]);
                bomb[bomb.length - 4] = (byte) 0xe8; // size field: 1000
                bomb[bomb.length - 3] = 3;
                bomb[bomb.length - 2] = 0;
                bomb[bomb.length - 1] = 0;
                return bomb;
            }
            case 5:
                return Gzip.of(Gzip.of(replyOfSize(200)));
            case 6:
                return metrics(1000);
            case 7:
                return metrics(1001);
            case 8:
                return groups(100);
            case 9:
                return groups(101);
            case 10:
                return pack(Limits.MAX_APPLICATION_BYTES + 1, KuraXml.accountConnection().toBytes());
            case 11:
                return pack(16, padded(Limits.MAX_CONFIGURATION_BYTES + 1));
            case 12:
                return pack(Limits.MAX_APPLICATION_BYTES, padded(Limits.MAX_CONFIGURATION_BYTES));
            case 13:
                return new ProtoWriter().tag(5001, ProtoWriter.LENGTH_DELIMITED).varint(Integer.MAX_VALUE)
                        .raw(new byte[64]).toBytes();
            default: {
                byte[] bomb = Gzip.of(new byte[40 * 1024 * 1024]);
                return java.util.Arrays.copyOf(bomb, bomb.length / 2);
            }
        }
    }

    /** A 200 reply of exactly {@code total} bytes, its body filling what the metrics leave. */
    static byte[] replyOfSize(int total) {
        byte[] head = new ProtoWriter().bytesField(5000, ProtoWriter.metric("response.code", 3, 200))
                .bytesField(5000, ProtoWriter.metric("request.id", 5, Fixture.REQUEST_ID)).toBytes();
        int body = total - head.length - 3;
        while (head.length + 3 + varintLength(body) + body > total) {
            body--;
        }
        byte[] out = new ProtoWriter().raw(head).tag(5001, ProtoWriter.LENGTH_DELIMITED).varint(body).toBytes();
        byte[] whole = java.util.Arrays.copyOf(out, out.length + body);
        if (whole.length != total) {
            throw new IllegalStateException("probe of " + whole.length + " bytes, not " + total);
        }
        return whole;
    }

    private static int varintLength(long value) {
        int length = 1;
        for (long v = value; (v & ~0x7fL) != 0; v >>>= 7) {
            length++;
        }
        return length;
    }

    private static byte[] metrics(int count) {
        ProtoWriter writer = new ProtoWriter().bytesField(5000, ProtoWriter.metric("response.code", 3, 202))
                .bytesField(5000, ProtoWriter.metric("request.id", 5, Fixture.REQUEST_ID));
        for (int i = 2; i < count; i++) {
            writer.bytesField(5000, ProtoWriter.metric("m" + i, 4, true));
        }
        return writer.toBytes();
    }

    private static byte[] groups(int depth) {
        ProtoWriter writer = new ProtoWriter().bytesField(5000, ProtoWriter.metric("response.code", 3, 202))
                .bytesField(5000, ProtoWriter.metric("request.id", 5, Fixture.REQUEST_ID));
        for (int i = 0; i < depth; i++) {
            writer.tag(77, ProtoWriter.START_GROUP);
        }
        for (int i = 0; i < depth; i++) {
            writer.tag(77, ProtoWriter.END_GROUP);
        }
        return writer.toBytes();
    }

    /** A package for the fixture's request with one application of {@code size} bytes. */
    private static byte[] pack(int size, byte[] configuration) {
        byte[] content = new byte[size];
        String sha = sha256(content);
        return new ProtoWriter()
                .bytesField(5000, ProtoWriter.metric("request.id", 5, Fixture.REQUEST_ID))
                .bytesField(5000, ProtoWriter.metric("client.id", 5, Fixture.CLIENT_ID))
                .bytesField(5000, ProtoWriter.metric("issued.at", 2, 1L))
                .bytesField(5000, ProtoWriter.metric("account.name", 5, Fixture.ACCOUNT))
                .bytesField(5000, ProtoWriter.metric("configuration", 6, configuration))
                .bytesField(5000, ProtoWriter.metric("application.count", 3, 1))
                .bytesField(5000, ProtoWriter.metric("application.0.name", 5, "a"))
                .bytesField(5000, ProtoWriter.metric("application.0.version", 5, "1"))
                .bytesField(5000, ProtoWriter.metric("application.0.sha256", 5, sha))
                .bytesField(5000, ProtoWriter.metric("application.0.content", 6, content))
                .toBytes();
    }

    /** The account connection, padded with a comment to exactly {@code size} bytes. */
    static byte[] padded(int size) {
        byte[] xml = KuraXml.accountConnection().toBytes();
        byte[] open = "<!--".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "-->".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        java.util.Arrays.fill(out, (byte) ' ');
        System.arraycopy(xml, 0, out, 0, xml.length);
        System.arraycopy(open, 0, out, xml.length, open.length);
        System.arraycopy(close, 0, out, size - close.length, close.length);
        return out;
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
