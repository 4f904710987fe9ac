package dev.kprov.fuzz.seed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.kprov.fuzz.engine.Sample;

/**
 * Configuration snapshots (PROTOCOL.md section 6.2): the account connection, a full gateway export with
 * every property type, arrays and a factory configuration, the same in other namespace spellings and with
 * comments, CDATA and processing instructions, and the conformance documents.
 */
public final class XmlSeeds {

    private XmlSeeds() {
    }

    public static List<Sample> all(Optional<Conformance> conformance) {
        List<Sample> seeds = new ArrayList<>();
        seeds.add(new Sample("account-connection", KuraXml.accountConnection().toBytes()));
        seeds.add(new Sample("every-type", everyType(new KuraXml()).toBytes()));
        seeds.add(new Sample("default-namespace", everyType(new KuraXml("")).toBytes()));
        seeds.add(new Sample("other-prefix", everyType(new KuraXml("k")).toBytes()));
        seeds.add(new Sample("markup", markup()));
        seeds.add(new Sample("utf8-bom", withBom(KuraXml.accountConnection().toBytes())));
        seeds.add(new Sample("empty-configurations", new KuraXml().toBytes()));
        conformance.ifPresent(c -> seeds.addAll(c.xml()));
        return seeds;
    }

    static KuraXml everyType(KuraXml xml) {
        xml.configuration(Fixture.TRANSPORT_PID)
                .property("broker-url", "String", "mqtts://broker.acme.example:8883/")
                .property("password", "Password", "pw")
                .property("keep-alive", "Integer", "30")
                .property("session", "Long", "-9223372036854775808")
                .property("ratio", "Double", "1.5E300")
                .property("scale", "Float", "-0.0")
                .property("level", "Byte", "-128")
                .property("port", "Short", "32767")
                .property("separator", "Char", "/")
                .property("enabled", "Boolean", "true")
                .array("ports", "Integer", "443", "8443")
                .array("none", "String")
                .array("secrets", "Password", "a", "b")
                .configuration("telemetry-publisher")
                .property("service.factoryPid", "String", "org.eclipse.kura.cloud.publisher.CloudPublisher")
                .property("qos", "Integer", "1");
        return xml;
    }

    static byte[] markup() {
        String text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- exported -->\n<?kura x?>\n"
                + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\">\n"
                + " <esf:configuration pid=\"org.eclipse.kura.data.DataService\"><ocd:OCD xmlns:ocd=\"o\"><x/></ocd:OCD>\n"
                + "  <esf:properties><!-- c --><esf:property name=\"n\" type=\"String\" array=\"false\" encrypted=\"false\">"
                + "<esf:value><![CDATA[a<b]]>tail</esf:value></esf:property></esf:properties>\n"
                + " </esf:configuration>\n</esf:configurations>\n<!-- end -->\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withBom(byte[] xml) {
        byte[] out = new byte[xml.length + 3];
        out[0] = (byte) 0xef;
        out[1] = (byte) 0xbb;
        out[2] = (byte) 0xbf;
        System.arraycopy(xml, 0, out, 3, xml.length);
        return out;
    }
}
