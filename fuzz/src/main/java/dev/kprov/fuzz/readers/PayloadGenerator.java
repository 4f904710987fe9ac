package dev.kprov.fuzz.readers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.kprov.agent.message.Application;
import dev.kprov.fuzz.seed.Fixture;
import dev.kprov.fuzz.seed.KuraXml;
import dev.kprov.fuzz.seed.ProtoWriter;

/**
 * Makes KuraPayloads from the metrics of PROTOCOL.md sections 5, 6, 6.1 and 8.1, mostly right and wrong in
 * one or two places at a time: a metric missing, given twice or of another type, a value out of range, a
 * metric encoded against the KuraMetric rules, unknown fields and groups, and a gzip wrapping with or
 * without header extras, a broken trailer or trailing bytes.
 */
final class PayloadGenerator {

    static final List<String> NAMES = List.of("response.code", "request.id", "response.exception.message",
            "retry.after", "requester.client.id", "protocol.version", "activation.key", "serial_number", "primary_mac",
            "status", "client.id", "issued.at", "account.name", "configuration", "ssl.ca.certificates",
            "application.count", "application.0.name", "application.0.version", "application.0.sha256",
            "application.0.content", "application.1.name", "application.9.content");
    private static final int[] CODES = {200, 202, 400, 403, 404, 409, 410, 429, 500, 0, -1, 99999};
    private static final String[] STATUSES = {"APPS_INSTALLING", "APPS_INSTALLED", "CONF_UPDATING", "CONF_UPDATED",
        "FAILED", "failed", ""};

    private final List<byte[]> bodies;
    private final byte[] configuration = KuraXml.accountConnection().toBytes();

    PayloadGenerator(List<byte[]> bodies) {
        this.bodies = bodies;
    }

    byte[] generate(SplittableRandom random) {
        List<Object[]> metrics = new ArrayList<>();
        int kind = random.nextInt(10);
        if (kind < 4) {
            reply(random, metrics);
        } else if (kind < 5) {
            request(random, metrics);
        } else if (kind < 6) {
            notification(random, metrics);
        } else if (kind < 9) {
            pack(random, metrics);
        } else {
            for (int i = random.nextInt(6); i > 0; i--) {
                metrics.add(new Object[] {NAMES.get(random.nextInt(NAMES.size())), anyValue(random)});
            }
        }
        spoil(random, metrics);
        ProtoWriter payload = new ProtoWriter();
        if (random.nextInt(4) == 0) {
            payload.varintField(1, random.nextLong());
        }
        if (random.nextInt(8) == 0) {
            unknown(random, payload);
        }
        for (Object[] metric : metrics) {
            payload.bytesField(5000, metricBytes(random, (String) metric[0], metric[1]));
        }
        if (kind < 4 && random.nextInt(3) > 0 || random.nextInt(10) == 0) {
            payload.bytesField(5001, bodies.isEmpty() || random.nextInt(5) == 0 ? bytes(random, 64)
                    : bodies.get(random.nextInt(bodies.size())));
        }
        if (random.nextInt(12) == 0) {
            unknown(random, payload);
        }
        byte[] plain = payload.toBytes();
        return random.nextInt(7) == 0 ? Gzip.wrap(plain, random) : plain;
    }

    private static void reply(SplittableRandom random, List<Object[]> metrics) {
        metrics.add(new Object[] {"response.code", CODES[random.nextInt(CODES.length)]});
        metrics.add(new Object[] {"request.id", requestId(random)});
        if (random.nextBoolean()) {
            metrics.add(new Object[] {"response.exception.message", text(random)});
        }
        if (random.nextInt(3) == 0) {
            metrics.add(new Object[] {"retry.after", random.nextInt(3) == 0 ? random.nextInt() : random.nextInt(200)});
        }
    }

    private static void request(SplittableRandom random, List<Object[]> metrics) {
        metrics.add(new Object[] {"request.id", requestId(random)});
        metrics.add(new Object[] {"requester.client.id", random.nextInt(6) == 0 ? text(random) : Fixture.CLIENT_ID});
        metrics.add(new Object[] {"protocol.version", random.nextInt(5) == 0 ? random.nextInt(3) : 1});
        if (random.nextBoolean()) {
            metrics.add(new Object[] {"activation.key", text(random)});
        }
        if (random.nextBoolean()) {
            metrics.add(new Object[] {"serial_number", text(random)});
        }
    }

    private static void notification(SplittableRandom random, List<Object[]> metrics) {
        metrics.add(new Object[] {"request.id", requestId(random)});
        metrics.add(new Object[] {"status", STATUSES[random.nextInt(STATUSES.length)]});
        if (random.nextBoolean()) {
            metrics.add(new Object[] {"response.exception.message", text(random)});
        }
    }

    private void pack(SplittableRandom random, List<Object[]> metrics) {
        metrics.add(new Object[] {"request.id", requestId(random)});
        metrics.add(new Object[] {"client.id", random.nextInt(6) == 0 ? text(random) : Fixture.CLIENT_ID});
        metrics.add(new Object[] {"issued.at", random.nextLong()});
        metrics.add(new Object[] {"account.name", random.nextInt(6) == 0 ? text(random) : Fixture.ACCOUNT});
        metrics.add(new Object[] {"configuration", random.nextInt(6) == 0 ? bytes(random, 200) : configuration});
        if (random.nextInt(3) == 0) {
            metrics.add(new Object[] {"ssl.ca.certificates", pem(random)});
        }
        int count = random.nextInt(8) == 0 ? random.nextInt(-2, 12) : random.nextInt(3);
        metrics.add(new Object[] {"application.count", count});
        for (int i = 0; i < Math.min(count, 10); i++) {
            byte[] content = bytes(random, 100);
            String sha = random.nextInt(10) == 0 ? "0".repeat(64) : Application.of("a", "1", content).sha256();
            metrics.add(new Object[] {"application." + i + ".name", random.nextInt(10) == 0 ? "" : "app" + i});
            metrics.add(new Object[] {"application." + i + ".version", "1." + i});
            metrics.add(new Object[] {"application." + i + ".sha256", sha});
            metrics.add(new Object[] {"application." + i + ".content", content});
        }
    }

    /** Drops, doubles, retypes or adds a metric, now and then. */
    private static void spoil(SplittableRandom random, List<Object[]> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        int at = random.nextInt(metrics.size());
        switch (random.nextInt(8)) {
            case 0 -> metrics.remove(at);
            case 1 -> metrics.add(metrics.get(at).clone());
            case 2 -> metrics.set(at, new Object[] {metrics.get(at)[0], anyValue(random)});
            case 3 -> metrics.add(random.nextInt(metrics.size() + 1),
                    new Object[] {random.nextBoolean() ? text(random) : NAMES.get(random.nextInt(NAMES.size())),
                        anyValue(random)});
            default -> {
                // left as it is: most inputs should get past the first check
            }
        }
    }

    /** A KuraMetric, usually well formed, else broken in one of the ways PayloadDecoder must refuse. */
    private static byte[] metricBytes(SplittableRandom random, String name, Object value) {
        int code = typeCode(value);
        switch (random.nextInt(40)) {
            case 0:
                return new ProtoWriter().varintField(2, code).raw(valueOnly(name, value)).toBytes(); // no name
            case 1:
                return new ProtoWriter().stringField(1, name).raw(valueOnly(name, value)).toBytes(); // no type
            case 2:
                return new ProtoWriter().stringField(1, name).varintField(2, code).toBytes(); // no value
            case 3:
                return new ProtoWriter().raw(ProtoWriter.metric(name, code, value)).varintField(5, 1).toBytes();
            case 4:
                return ProtoWriter.metric(name, random.nextInt(3) == 0 ? random.nextInt(7, 1 << 20) : (code + 1) % 7,
                        value);
            case 5:
                return new ProtoWriter().raw(ProtoWriter.metric(name, code, value)).stringField(1, name).toBytes();
            case 6:
                return new ProtoWriter().stringField(1, name).varintField(2, 3).tag(6, 0).varint(random.nextLong())
                        .toBytes(); // int32 that does not fit, or the 5- and 10-byte negative forms
            case 7:
                return new ProtoWriter().bytesField(1, bytes(random, 8)).varintField(2, code)
                        .raw(valueOnly(name, value)).toBytes(); // name not UTF-8, most likely
            case 8:
                return new ProtoWriter().stringField(1, name).tag(2, ProtoWriter.LENGTH_DELIMITED).bytes(new byte[1])
                        .toBytes(); // type with the wrong wire type
            default:
                return ProtoWriter.metric(name, code, value);
        }
    }

    private static byte[] valueOnly(String name, Object value) {
        byte[] whole = ProtoWriter.metric(name, typeCode(value), value);
        int skip = new ProtoWriter().stringField(1, name).varintField(2, typeCode(value)).size();
        byte[] tail = new byte[whole.length - skip];
        System.arraycopy(whole, skip, tail, 0, tail.length);
        return tail;
    }

    private static void unknown(SplittableRandom random, ProtoWriter payload) {
        int field = 3 + random.nextInt(4000);
        switch (random.nextInt(5)) {
            case 0 -> payload.varintField(field, random.nextLong());
            case 1 -> payload.tag(field, ProtoWriter.FIXED64).fixed64(random.nextLong());
            case 2 -> payload.tag(field, ProtoWriter.FIXED32).fixed32(random.nextInt());
            case 3 -> payload.bytesField(field, bytes(random, 16));
            default -> {
                int depth = random.nextInt(4) == 0 ? random.nextInt(90, 110) : 1 + random.nextInt(5);
                for (int i = 0; i < depth; i++) {
                    payload.tag(field, ProtoWriter.START_GROUP);
                }
                for (int i = 0; i < depth; i++) {
                    payload.tag(field + (random.nextInt(20) == 0 ? 1 : 0), ProtoWriter.END_GROUP);
                }
            }
        }
    }

    private static int typeCode(Object value) {
        if (value instanceof Double) {
            return 0;
        }
        if (value instanceof Float) {
            return 1;
        }
        if (value instanceof Long) {
            return 2;
        }
        if (value instanceof Integer) {
            return 3;
        }
        if (value instanceof Boolean) {
            return 4;
        }
        return value instanceof String ? 5 : 6;
    }

    private static Object anyValue(SplittableRandom random) {
        return switch (random.nextInt(7)) {
            case 0 -> random.nextDouble();
            case 1 -> (float) random.nextDouble();
            case 2 -> random.nextLong();
            case 3 -> random.nextInt();
            case 4 -> random.nextBoolean();
            case 5 -> text(random);
            default -> bytes(random, 32);
        };
    }

    private static String requestId(SplittableRandom random) {
        return switch (random.nextInt(12)) {
            case 0 -> Fixture.REQUEST_ID.toUpperCase();
            case 1 -> Fixture.REQUEST_ID.substring(1);
            case 2 -> "f".repeat(32);
            default -> Fixture.REQUEST_ID;
        };
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(4) == 0 ? random.nextInt(2000) : random.nextInt(24);
        for (int i = 0; i < length; i++) {
            int roll = random.nextInt(20);
            text.append(roll == 0 ? (char) random.nextInt(0x20) : roll == 1 ? '/' : roll == 2 ? '+'
                    : roll == 3 ? (char) random.nextInt(0x80, 0xd7ff) : roll == 4 ? '\ud83d' : (char) random.nextInt(0x21, 0x7f));
        }
        return text.toString();
    }

    private static String pem(SplittableRandom random) {
        StringBuilder pem = new StringBuilder();
        for (int i = random.nextInt(13); i > 0; i--) {
            pem.append(random.nextInt(5) == 0 ? "-----BEGIN PRIVATE KEY-----\n" : "-----BEGIN CERTIFICATE-----\n")
                    .append(java.util.Base64.getMimeEncoder().encodeToString(bytes(random, 64)))
                    .append(random.nextInt(6) == 0 ? "\n" : "\n-----END CERTIFICATE-----\n");
        }
        return pem.toString();
    }

    static byte[] bytes(SplittableRandom random, int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
