package dev.kprov.fuzz.readers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.kprov.agent.message.ComponentSettings;
import dev.kprov.agent.message.ConfigurationXml;
import dev.kprov.agent.message.ConfigurationXml.ConfigurationException;
import dev.kprov.fuzz.engine.Sample;
import dev.kprov.fuzz.engine.Target;
import dev.kprov.fuzz.engine.Verdict;
import dev.kprov.fuzz.seed.Fixture;

/**
 * The configuration XML parser (PROTOCOL.md sections 6.2 and 7): {@link ConfigurationXml#parse} with the
 * agent's own PID. Rejection: {@link ConfigurationException}.
 */
public final class XmlTarget implements Target {

    private static final String[] TOKENS = {"<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\">",
        "</esf:configurations>", "<esf:configuration pid=\"", "</esf:configuration>", "<esf:properties>",
        "</esf:properties>", "<esf:property name=\"p\" array=\"false\" encrypted=\"false\" type=\"String\">",
        "</esf:property>", "<esf:value>", "</esf:value>", "type=\"Password\"", "type=\"Char\"", "type=\"Long\"",
        "array=\"true\"", "encrypted=\"true\"", "<!DOCTYPE x [<!ENTITY e \"v\">]>", "&e;", "&amp;", "&lt;", "&#x0;",
        "&#1114112;", "&#xD800;", "<![CDATA[", "]]>", "<!--", "-->", "<?xml version=\"1.1\" encoding=\"UTF-16\"?>",
        "<?xml version=\"1.0\" encoding=\"x-unknown\"?>", "<?p x?>", "xmlns=\"http://eurotech.com/esf/2.0\"",
        "xmlns:esf=\"\"", "service.factoryPid", Fixture.OWN_PID, "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/>",
        "<!DOCTYPE x SYSTEM \"file:///etc/passwd\">", "\u00e9", "\uffff", "\u2028", "9223372036854775808", "NaN",
        "-0x1p3", " ", "\t\r\n", "/>", "<", ">", "=\"", "xml:lang=\"en\""};

    private final List<Sample> seeds;
    private final XmlGenerator generator = new XmlGenerator();
    private final XmlProbes probes = new XmlProbes();

    public XmlTarget(List<Sample> seeds) {
        this.seeds = List.copyOf(seeds);
    }

    @Override
    public String name() {
        return "xml";
    }

    @Override
    public List<Sample> seeds() {
        return seeds;
    }

    @Override
    public List<byte[]> tokens() {
        List<byte[]> tokens = new ArrayList<>();
        for (String token : TOKENS) {
            tokens.add(token.getBytes(StandardCharsets.UTF_8));
        }
        tokens.add(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}); // BOM
        tokens.add(new byte[] {(byte) 0xfe, (byte) 0xff}); // UTF-16 BOM
        tokens.add(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}); // a surrogate in UTF-8: invalid
        tokens.add(new byte[] {(byte) 0xc0, (byte) 0x80}); // over-long NUL
        tokens.add(new byte[] {0});
        return tokens;
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return generator.generate(random);
    }

    @Override
    public int probeCount() {
        return probes.count();
    }

    @Override
    public Sample probe(int index) {
        return probes.probe(index);
    }

    @Override
    public int maxInputBytes() {
        return ConfigurationXml.MAX_BYTES + 16;
    }

    @Override
    public Verdict run(byte[] input) {
        try {
            List<ComponentSettings> settings = ConfigurationXml.parse(input, Fixture.OWN_PID);
            int properties = 0;
            for (ComponentSettings configuration : settings) {
                properties += configuration.properties().size() + configuration.toString().length();
                if (configuration.factoryPid() != null) {
                    properties++;
                }
            }
            return Verdict.accepted(properties >= 0 ? "parsed" : "parsed (empty)");
        } catch (ConfigurationException e) {
            return Verdict.rejected("parse", "", e.getMessage());
        }
    }
}
