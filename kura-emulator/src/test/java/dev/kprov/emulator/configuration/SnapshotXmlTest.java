package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.Fixture.SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Kura's snapshot XML: every type and arrays read back exactly; a DTD or an external entity is refused. */
class SnapshotXmlTest {

    @TempDir
    Path dir;

    private static Map<String, Object> everyType() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("string", "a <b> & \"c\"\n\ttab\r\nend ");
        properties.put("long", Long.MIN_VALUE);
        properties.put("double", 0.1 + 0.2);
        properties.put("float", 3.4028235e38f);
        properties.put("integer", 8883);
        properties.put("byte", (byte) -7);
        properties.put("char", ' ');
        properties.put("boolean", true);
        properties.put("short", (short) 12345);
        properties.put("password", new Password("encrypted-text"));
        properties.put("strings", new String[] { "x", "", " y ", "z,w" });
        properties.put("longs", new Long[] { 1L, -2L });
        properties.put("doubles", new Double[] { 1.5, Double.NaN });
        properties.put("floats", new Float[] { -0.5f });
        properties.put("integers", new int[] { 1, 2, 3 });
        properties.put("bytes", new Byte[] { 1 });
        properties.put("chars", new Character[] { 'a', '\u00e9' });
        properties.put("booleans", new Boolean[] { true, false });
        properties.put("shorts", new Short[] { 1, 2 });
        properties.put("passwords", new Password[] { new Password("p1"), new Password("p2") });
        properties.put("empty", new Integer[0]);
        properties.put("unicode", "gr\u00fc\u00df \uD83D\uDE00");
        return properties;
    }

    @Test
    void everyTypeAndEveryArrayReadsBackExactly() throws KuraException {
        SnapshotEntry written = new SnapshotEntry("dev.kprov.test.App", everyType());

        List<SnapshotEntry> read = SnapshotXmlReader.read(SnapshotXmlWriter.write(List.of(written)));

        assertEquals(1, read.size());
        Map<String, Object> back = read.get(0).properties();
        assertEquals("dev.kprov.test.App", read.get(0).pid());
        for (Map.Entry<String, Object> property : everyType().entrySet()) {
            Object expected = property.getValue();
            Object actual = back.get(property.getKey());
            if (expected instanceof Password) {
                assertEquals(expected.toString(), assertInstanceOf(Password.class, actual).toString());
            } else if (expected instanceof Password[]) {
                Password[] passwords = assertInstanceOf(Password[].class, actual);
                assertEquals("p2", passwords[1].toString());
            } else if (expected instanceof int[]) {
                assertArrayEquals(new Integer[] { 1, 2, 3 }, (Integer[]) actual, "primitive arrays come back boxed");
            } else if (expected instanceof Object[]) {
                assertArrayEquals((Object[]) expected, (Object[]) actual, property.getKey());
                assertEquals(expected.getClass(), actual.getClass(), property.getKey());
            } else {
                assertEquals(expected, actual, property.getKey());
            }
        }
    }

    @Test
    void theFormatIsKurasEsfGrammar() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("service.factoryPid", "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport");
        properties.put("kura.service.pid", "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport");
        properties.put("password", new Password("ENC"));
        properties.put("topics", new String[] { "a", "b" });

        String xml = SnapshotXmlWriter.write(List.of(new SnapshotEntry("org.eclipse.kura.core.data.transport.mqtt"
                + ".MqttDataTransport", properties)));

        Document document = SecureXml.parse(xml);
        Element root = document.getDocumentElement();
        assertEquals("http://eurotech.com/esf/2.0", root.getNamespaceURI());
        assertEquals("esf:configurations", root.getTagName());
        assertEquals("http://www.osgi.org/xmlns/metatype/v1.2.0", root.getAttribute("xmlns:ocd"));
        Element configuration = SecureXml.children(root, "configuration").get(0);
        assertEquals("esf:configuration", configuration.getTagName());
        Element group = SecureXml.children(configuration, "properties").get(0);
        Map<String, Element> byName = new LinkedHashMap<>();
        for (Element property : SecureXml.children(group, "property")) {
            assertEquals("esf:property", property.getTagName());
            byName.put(property.getAttribute("name"), property);
        }
        assertEquals(Set.of("service.factoryPid", "kura.service.pid", "password", "topics"), byName.keySet());
        Element password = byName.get("password");
        assertEquals("Password", password.getAttribute("type"));
        assertEquals("true", password.getAttribute("encrypted"));
        assertEquals("false", password.getAttribute("array"));
        assertEquals("ENC", SecureXml.children(password, "value").get(0).getTextContent());
        Element topics = byName.get("topics");
        assertEquals("true", topics.getAttribute("array"));
        assertEquals("String", topics.getAttribute("type"));
        assertEquals(2, SecureXml.children(topics, "value").size());
    }

    @Test
    void aClearPasswordIsMarkedNotEncryptedAndStaysSo() throws KuraException {
        SnapshotEntry entry = new SnapshotEntry("pid.x", Map.of("password", new Password(SECRET)), Set.of("password"));

        String xml = SnapshotXmlWriter.write(List.of(entry));

        assertTrue(xml.contains("encrypted=\"false\""), xml.length() + " characters");
        assertEquals(Set.of("password"), SnapshotXmlReader.read(xml).get(0).clearPasswords());
    }

    @Test
    void aDocumentWithADtdIsRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"><esf:configuration pid=\"p\">"
                + "<esf:properties><esf:property name=\"n\" array=\"false\" encrypted=\"false\" type=\"String\">"
                + "<esf:value>&x;</esf:value></esf:property></esf:properties></esf:configuration>"
                + "</esf:configurations>";

        KuraException e = assertThrows(KuraException.class, () -> SnapshotXmlReader.read(xml));

        assertEquals(KuraErrorCode.CONFIGURATION_SNAPSHOT_LOADING, e.getCode());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("S3CR3T"));
    }

    @Test
    void anEntityExpansionBombIsRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\">&b;</esf:configurations>";

        assertEquals(KuraErrorCode.CONFIGURATION_SNAPSHOT_LOADING,
                assertThrows(KuraException.class, () -> SnapshotXmlReader.read(xml)).getCode());
    }

    @Test
    void malformedContentIsReportedByConfigurationAndProperty() {
        String head = "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"><esf:configuration pid=\"p\">"
                + "<esf:properties>";
        String tail = "</esf:properties></esf:configuration></esf:configurations>";

        KuraException badType = assertThrows(KuraException.class, () -> SnapshotXmlReader.read(head
                + "<esf:property name=\"port\" array=\"false\" type=\"Integer\"><esf:value>S3CR3T</esf:value>"
                + "</esf:property>" + tail));
        KuraException twoValues = assertThrows(KuraException.class, () -> SnapshotXmlReader.read(head
                + "<esf:property name=\"n\" array=\"false\" type=\"String\"><esf:value>a</esf:value>"
                + "<esf:value>b</esf:value></esf:property>" + tail));
        KuraException unknownType = assertThrows(KuraException.class, () -> SnapshotXmlReader.read(head
                + "<esf:property name=\"n\" type=\"Decimal\"><esf:value>1</esf:value></esf:property>" + tail));

        assertTrue(badType.getMessage().contains("'port' of p"), badType.getMessage());
        assertFalse(badType.getMessage().contains("S3CR3T"), "the value is never quoted");
        assertTrue(twoValues.getMessage().contains("'n' of p"), twoValues.getMessage());
        assertTrue(unknownType.getMessage().contains("Decimal"), unknownType.getMessage());
        assertThrows(KuraException.class, () -> SnapshotXmlReader.read("<other/>"));
    }

    @Test
    void aCharacterXmlCannotCarryIsRefusedByPropertyName() {
        SnapshotEntry entry = new SnapshotEntry("pid.x", Map.of("bell", "ring\u0007"));

        KuraException e = assertThrows(KuraException.class, () -> SnapshotXmlWriter.write(List.of(entry)));

        assertEquals(KuraErrorCode.CONFIGURATION_SNAPSHOT_TAKING, e.getCode());
        assertTrue(e.getMessage().contains("'bell'"), e.getMessage());
    }
}
