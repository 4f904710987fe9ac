package dev.kprov.agent.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.eclipse.kura.configuration.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kprov.agent.message.ConfigurationXml.ConfigurationException;

class ConfigurationXmlTest {

    static final String OWN_PID = "dev.kprov.agent.ProvisioningService";
    private static final Path XML = Paths.get(System.getProperty("kprov.conformance.dir", "../../shared/conformance"),
            "xml");

    private static List<ComponentSettings> parse(String xml) throws ConfigurationException {
        return ConfigurationXml.parse(xml.getBytes(StandardCharsets.UTF_8), OWN_PID);
    }

    private static ConfigurationException rejected(String xml) {
        return assertThrows(ConfigurationException.class, () -> parse(xml));
    }

    private static String doc(String configurations) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\">"
                + configurations + "</esf:configurations>";
    }

    private static String config(String pid, String properties) {
        return "<esf:configuration pid=\"" + pid + "\"><esf:properties>" + properties
                + "</esf:properties></esf:configuration>";
    }

    private static String property(String name, String type, boolean array, String... values) {
        StringBuilder xml = new StringBuilder("<esf:property name=\"" + name + "\" array=\"" + array
                + "\" encrypted=\"false\" type=\"" + type + "\">");
        for (String value : values) {
            xml.append("<esf:value>").append(value).append("</esf:value>");
        }
        return xml.append("</esf:property>").toString();
    }

    @Test
    void conformanceOkHasTwoConfigurationsAndAPassword() throws Exception {
        List<ComponentSettings> settings = ConfigurationXml.parse(Files.readAllBytes(XML.resolve("ok.xml")), OWN_PID);

        assertEquals(2, settings.size());
        assertEquals("org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport", settings.get(0).pid());
        assertTrue(settings.get(0).properties().get("password") instanceof Password);
        assertEquals(Boolean.TRUE, settings.get(1).properties().get("connect.auto-on-startup"));
        assertFalse(settings.toString().contains("s3cret"), "toString shows names only");
    }

    @ParameterizedTest
    @ValueSource(strings = { "bad-xxe.xml", "bad-billion-laughs.xml", "bad-too-many-properties.xml",
            "bad-own-pid.xml" })
    void conformanceBadDocumentsAreRejected(String file) throws Exception {
        byte[] xml = Files.readAllBytes(XML.resolve(file));

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ConfigurationXml.parse(xml, OWN_PID));

        assertFalse(e.getMessage().contains("root:"), "nothing read from /etc/passwd: " + e.getMessage());
    }

    @Test
    void everyTypeAndArrays() throws Exception {
        ComponentSettings settings = parse(doc(config("p", property("s", "String", false, "text")
                + property("l", "Long", false, "-5") + property("d", "Double", false, "1.5")
                + property("f", "Float", false, "2.5") + property("i", "Integer", false, "7")
                + property("b", "Byte", false, "8") + property("c", "Char", false, "x")
                + property("z", "Boolean", false, "true") + property("h", "Short", false, "9")
                + property("pw", "Password", false, "pw-S3CR3T") + property("arr", "Integer", true, "1", "2", "3")))).get(0);

        assertEquals("text", settings.properties().get("s"));
        assertEquals(-5L, settings.properties().get("l"));
        assertEquals(1.5, settings.properties().get("d"));
        assertEquals(2.5f, settings.properties().get("f"));
        assertEquals(7, settings.properties().get("i"));
        assertEquals((byte) 8, settings.properties().get("b"));
        assertEquals('x', settings.properties().get("c"));
        assertEquals(Boolean.TRUE, settings.properties().get("z"));
        assertEquals((short) 9, settings.properties().get("h"));
        assertArrayEquals("pw-S3CR3T".toCharArray(), ((Password) settings.properties().get("pw")).getPassword());
        assertArrayEquals(new Integer[] { 1, 2, 3 }, (Integer[]) settings.properties().get("arr"));
        assertNull(settings.factoryPid());
    }

    @Test
    void factoryPidIsRecognised() throws Exception {
        ComponentSettings settings = parse(doc(config("my.instance", property("service.factoryPid", "String", false,
                "my.factory")))).get(0);

        assertEquals("my.factory", settings.factoryPid());
    }

    @Test
    void propertyCountIsBoundedWithinTheSizeBound() {
        StringBuilder properties = new StringBuilder();
        for (int i = 0; i <= ConfigurationXml.MAX_PROPERTIES; i++) {
            properties.append("<esf:property name=\"p").append(i).append("\" type=\"Integer\"><esf:value>1</esf:value></esf:property>");
        }
        String xml = doc(config("a", properties.toString()));
        assertTrue(xml.length() < ConfigurationXml.MAX_BYTES, "the document is under the size bound");

        assertTrue(rejected(xml).getMessage().contains("more than 10000 properties"));
    }

    @Test
    void configurationCountIsBounded() {
        StringBuilder configurations = new StringBuilder();
        for (int i = 0; i <= ConfigurationXml.MAX_CONFIGURATIONS; i++) {
            configurations.append(config("pid" + i, ""));
        }

        assertTrue(rejected(doc(configurations.toString())).getMessage().contains("more than 500 configurations"));
    }

    @Test
    void sizeIsBoundedBeforeParsing() {
        byte[] big = new byte[ConfigurationXml.MAX_BYTES + 1];

        assertThrows(ConfigurationException.class, () -> ConfigurationXml.parse(big, OWN_PID));
    }

    @Test
    void encryptedValuesAreRefused() {
        String xml = doc(config("p", "<esf:property name=\"pw\" array=\"false\" encrypted=\"true\" type=\"Password\">"
                + "<esf:value>AAAA</esf:value></esf:property>"));

        assertTrue(rejected(xml).getMessage().contains("clear text"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<a/>",
            "<esf:configurations xmlns:esf=\"urn:other\"/>",
            "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"><esf:configuration/></esf:configurations>",
            "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"><esf:configuration pid=\"a\"><esf:properties>"
                    + "<esf:property name=\"x\" type=\"Integer\"><esf:value>nope</esf:value></esf:property>"
                    + "</esf:properties></esf:configuration></esf:configurations>",
            "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"><esf:configuration pid=\"a\"><esf:properties>"
                    + "<esf:property name=\"x\" type=\"Thing\"><esf:value>1</esf:value></esf:property>"
                    + "</esf:properties></esf:configuration></esf:configurations>",
            "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"><esf:configuration pid=\"a\"><esf:properties>"
                    + "<esf:property name=\"x\" type=\"String\"><esf:value>1</esf:value><esf:value>2</esf:value>"
                    + "</esf:property></esf:properties></esf:configuration></esf:configurations>",
            "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"><esf:configuration pid=\"a\"/>"
                    + "<esf:configuration pid=\"a\"/></esf:configurations>",
            "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\">",
            "not xml at all" })
    void malformedDocumentsAreRejectedWithAReason(String xml) {
        assertFalse(rejected(xml).getMessage().isEmpty());
    }

    @Test
    void ownPidIsRefused() {
        assertTrue(rejected(doc(config(OWN_PID, property("enabled", "Boolean", false, "true")))).getMessage()
                .contains("own PID"));
    }

    @Test
    void rejectionNeverQuotesAPassword() {
        String xml = doc(config("p", property("pw", "Password", false, "pw-S3CR3T") + property("pw", "Password",
                false, "pw-S3CR3T")));

        assertFalse(rejected(xml).getMessage().contains("S3CR3T"));
    }

    @Test
    void malformedUtf8IsRejectedAtItsByteWithNothingPrinted() throws Throwable {
        byte[] xml = doc(config("a", property("x", "String", false, "caf\u00e9"))).getBytes(StandardCharsets.ISO_8859_1);
        int bad = new String(xml, StandardCharsets.ISO_8859_1).indexOf('\u00e9');

        String printed = printedOnStderr(() -> assertEquals("the configuration is not UTF-8: a malformed byte sequence "
                + "at byte " + bad, assertThrows(ConfigurationException.class, () -> ConfigurationXml.parse(xml, OWN_PID))
                        .getMessage()));

        assertEquals("", printed, "the XML parser wrote to the console");
    }

    @Test
    void aDocumentEndingInsideItsDtdIsRejectedAsADtdWithNothingPrinted() throws Throwable {
        String printed = printedOnStderr(() -> assertTrue(rejected("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY")
                .getMessage().contains("DTD")));

        assertEquals("", printed, "the XML parser wrote to the console");
    }

    @Test
    void aDtdAfterACommentIsRejected() {
        assertTrue(rejected("<!-- c --><?pi x?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>" + doc("")).getMessage().contains("DTD"));
    }

    @Test
    void aByteOrderMarkIsAllowed() throws Exception {
        assertEquals("a", parse("\uFEFF" + doc(config("a", property("x", "String", false, "1")))).get(0).pid());
    }

    @Test
    void anEncodingOtherThanUtf8IsRefusedByName() {
        String xml = doc("").replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");

        assertEquals("the configuration declares the encoding ISO-8859-1; it must be UTF-8", rejected(xml).getMessage());
    }

    /** What was written to System.err while {@code check} ran (the JDK's parser writes there, not to a log). */
    private static String printedOnStderr(Executable check) throws Throwable {
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, "UTF-8"));
        try {
            check.execute();
        } finally {
            System.setErr(stderr);
        }
        return new String(printed.toByteArray(), StandardCharsets.UTF_8);
    }
}
