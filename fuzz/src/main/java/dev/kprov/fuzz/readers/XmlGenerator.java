package dev.kprov.fuzz.readers;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import dev.kprov.fuzz.seed.Fixture;

/**
 * Makes configuration documents (PROTOCOL.md section 6.2) from a grammar with wrong turns: namespace
 * spellings and wrong namespaces, XML declarations and encodings, PIDs (the agent's own, repeated, empty),
 * property types, arrays, encrypted flags and values right or wrong for their type, CDATA, character and
 * entity references, comments, unknown elements at any depth, a DTD, content after the root.
 */
final class XmlGenerator {

    private static final String ESF = "http://eurotech.com/esf/2.0";
    private static final String[] TYPES = {"String", "Long", "Double", "Float", "Integer", "Byte", "Char", "Boolean",
        "Short", "Password", "string", "", "Object"};
    private static final String[] PIDS = {Fixture.TRANSPORT_PID, Fixture.DATA_SERVICE_PID, "org.eclipse.kura.clock.ClockService",
        "telemetry-publisher", Fixture.OWN_PID, "", " "};
    private static final String[] VALUES = {"0", "1", "-1", "true", "false", "TRUE", "x", "", " 42 ", "127", "128",
        "-129", "32768", "2147483648", "9223372036854775807", "9223372036854775808", "1e309", "NaN", "-Infinity",
        "0x10", "1_000", "\u00e9", "ab", "&amp;", "&#65;", "&#x1F600;", "<![CDATA[<x>]]>", "a<!--c-->b", "<i/>",
        "&lt;&gt;&quot;&apos;", "&unknown;"};

    byte[] generate(SplittableRandom random) {
        StringBuilder xml = new StringBuilder();
        String encoding = declaration(random, xml);
        if (random.nextInt(30) == 0) {
            xml.append("<!DOCTYPE esf:configurations [<!ENTITY e \"v\">]>\n");
        }
        if (random.nextInt(10) == 0) {
            xml.append("<!-- exported --><?kura pi?>\n");
        }
        String prefix = switch (random.nextInt(10)) {
            case 0 -> "";
            case 1 -> "k";
            default -> "esf";
        };
        String p = prefix.isEmpty() ? "" : prefix + ":";
        String namespace = random.nextInt(40) == 0 ? "http://eurotech.com/esf/1.0" : ESF;
        xml.append('<').append(p).append("configurations ").append(prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix)
                .append("=\"").append(namespace).append("\">");
        int configurations = random.nextInt(20) == 0 ? random.nextInt(30) : random.nextInt(4);
        for (int i = 0; i < configurations; i++) {
            configuration(random, xml, p);
        }
        if (random.nextInt(15) == 0) {
            unknown(random, xml, random.nextInt(4));
        }
        xml.append("</").append(p).append("configurations>");
        if (random.nextInt(25) == 0) {
            xml.append(random.nextBoolean() ? "<second/>" : "trailing text");
        }
        return xml.toString().getBytes(encoding.equals("UTF-16") && random.nextInt(4) > 0 ? StandardCharsets.UTF_16
                : encoding.equals("ISO-8859-1") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private static String declaration(SplittableRandom random, StringBuilder xml) {
        switch (random.nextInt(12)) {
            case 0:
                return "UTF-8";
            case 1:
                xml.append("<?xml version=\"1.1\"?>");
                return "UTF-8";
            case 2:
                xml.append("<?xml version=\"1.0\" encoding=\"UTF-16\"?>");
                return "UTF-16";
            case 3:
                xml.append("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
                return "ISO-8859-1";
            case 4:
                xml.append("<?xml version=\"1.0\" encoding=\"x-nothing\"?>");
                return "UTF-8";
            case 5:
                xml.append("<?xml version=\"2.0\" standalone=\"maybe\"?>");
                return "UTF-8";
            default:
                xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
                return "UTF-8";
        }
    }

    private static void configuration(SplittableRandom random, StringBuilder xml, String p) {
        xml.append('<').append(p).append("configuration");
        if (random.nextInt(20) != 0) {
            String pid = random.nextInt(30) == 0 ? "p".repeat(random.nextInt(250, 260)) : PIDS[random.nextInt(PIDS.length)];
            xml.append(" pid=\"").append(pid).append('"');
        }
        xml.append('>');
        if (random.nextInt(6) == 0) {
            unknown(random, xml, random.nextInt(random.nextInt(10) == 0 ? 200 : 4));
        }
        if (random.nextInt(15) != 0) {
            xml.append('<').append(p).append("properties>");
            int count = random.nextInt(10) == 0 ? random.nextInt(50) : random.nextInt(6);
            for (int i = 0; i < count; i++) {
                property(random, xml, p);
            }
            xml.append("</").append(p).append("properties>");
        }
        xml.append("</").append(p).append("configuration>");
    }

    private static void property(SplittableRandom random, StringBuilder xml, String p) {
        xml.append('<').append(p).append("property");
        if (random.nextInt(25) != 0) {
            String name = random.nextInt(25) == 0 ? "n".repeat(random.nextInt(250, 260))
                    : random.nextInt(10) == 0 ? "service.factoryPid" : "prop." + random.nextInt(8);
            xml.append(" name=\"").append(name).append('"');
        }
        if (random.nextInt(25) != 0) {
            xml.append(" type=\"").append(TYPES[random.nextInt(TYPES.length)]).append('"');
        }
        boolean array = random.nextInt(4) == 0;
        if (random.nextInt(8) != 0) {
            xml.append(" array=\"").append(random.nextInt(30) == 0 ? "yes" : array).append('"');
        }
        if (random.nextInt(6) != 0) {
            xml.append(" encrypted=\"").append(random.nextInt(30) == 0 ? "true" : "false").append('"');
        }
        xml.append('>');
        int values = array ? random.nextInt(random.nextInt(20) == 0 ? 1100 : 4) : random.nextInt(20) == 0 ? 2 : 1;
        for (int i = 0; i < values; i++) {
            xml.append('<').append(p).append("value>").append(VALUES[random.nextInt(VALUES.length)])
                    .append("</").append(p).append("value>");
        }
        xml.append("</").append(p).append("property>");
    }

    private static void unknown(SplittableRandom random, StringBuilder xml, int depth) {
        for (int i = 0; i < depth; i++) {
            xml.append("<u").append(i % 3).append(random.nextInt(3) == 0 ? " a=\"1\"" : "").append('>');
        }
        xml.append(random.nextBoolean() ? "text" : "<![CDATA[c]]>");
        for (int i = depth - 1; i >= 0; i--) {
            xml.append("</u").append(i % 3).append('>');
        }
    }
}
