package dev.kprov.fuzz.readers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kprov.agent.message.ConfigurationXml;
import dev.kprov.fuzz.engine.Sample;
import dev.kprov.fuzz.seed.KuraXml;

/**
 * Documents at and just past each bound of the configuration parser (PROTOCOL.md section 7 and the
 * parser's own): the size, the number of configurations and of properties, a value's length, values per
 * property; and documents that stress the XML parser itself within the size bound: 100,000 nested unknown
 * elements, a 1 MiB attribute, 20,000 attributes, a billion-laughs DTD.
 */
final class XmlProbes {

    private static final List<String> NAMES = List.of("size-at-bound", "size-past-bound", "configurations-500",
            "configurations-501", "properties-10000", "properties-10001", "value-65536-chars", "value-65537-chars",
            "values-1000", "values-1001", "nested-100000", "attribute-1MiB", "attributes-20000", "billion-laughs");

    private final Map<Integer, Sample> kept = new HashMap<>();

    int count() {
        return NAMES.size();
    }

    Sample probe(int index) {
        return kept.computeIfAbsent(index, i -> new Sample("probe-" + NAMES.get(i), make(i)));
    }

    private static byte[] make(int index) {
        switch (index) {
            case 0:
                return PayloadProbes.padded(ConfigurationXml.MAX_BYTES);
            case 1:
                return PayloadProbes.padded(ConfigurationXml.MAX_BYTES + 1);
            case 2:
                return configurations(500);
            case 3:
                return configurations(501);
            case 4:
                return properties(10_000);
            case 5:
                return properties(10_001);
            case 6:
                return new KuraXml("e").configuration("c").property("v", "String", "x".repeat(65_536)).toBytes();
            case 7:
                return new KuraXml("e").configuration("c").property("v", "String", "x".repeat(65_537)).toBytes();
            case 8:
                return new KuraXml("e").configuration("c").array("v", "Integer", values(1000)).toBytes();
            case 9:
                return new KuraXml("e").configuration("c").array("v", "Integer", values(1001)).toBytes();
            case 10:
                return new KuraXml("e").configuration("c").raw("<u>".repeat(100_000) + "</u>".repeat(100_000))
                        .toBytes();
            case 11:
                return new KuraXml("e").configuration("c").raw("<u a=\"" + "a".repeat(1_000_000) + "\"/>").toBytes();
            case 12: {
                StringBuilder attributes = new StringBuilder("<u");
                for (int i = 0; i < 20_000; i++) {
                    attributes.append(" a").append(i).append("=\"\"");
                }
                return new KuraXml("e").configuration("c").raw(attributes + "/>").toBytes();
            }
            default:
                return ("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                        + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                        + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                        + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"><esf:configuration pid=\"c\">"
                        + "<esf:properties><esf:property name=\"n\" type=\"String\"><esf:value>&lol3;</esf:value>"
                        + "</esf:property></esf:properties></esf:configuration></esf:configurations>")
                        .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] configurations(int count) {
        KuraXml xml = new KuraXml("e");
        for (int i = 0; i < count; i++) {
            xml.configuration("c" + i).property("p", "Integer", "1");
        }
        return xml.toBytes();
    }

    private static byte[] properties(int count) {
        StringBuilder xml = new StringBuilder("<e:configurations xmlns:e=\"http://eurotech.com/esf/2.0\">");
        int perConfiguration = 2_000;
        for (int i = 0; i < count; i++) {
            if (i % perConfiguration == 0) {
                xml.append(i == 0 ? "" : "</e:properties></e:configuration>").append("<e:configuration pid=\"c")
                        .append(i / perConfiguration).append("\"><e:properties>");
            }
            xml.append("<e:property name=\"").append(i % perConfiguration)
                    .append("\" type=\"Byte\"><e:value>1</e:value></e:property>");
        }
        return xml.append("</e:properties></e:configuration></e:configurations>").toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String[] values(int count) {
        String[] values = new String[count];
        java.util.Arrays.fill(values, "7");
        return values;
    }
}
