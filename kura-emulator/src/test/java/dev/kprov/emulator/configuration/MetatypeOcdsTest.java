package dev.kprov.emulator.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.configuration.metatype.AD;
import org.eclipse.kura.configuration.metatype.OCD;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.xml.sax.SAXException;

/** Kura's OCD view of the MetaType service's definitions, completed from the bundle's metatype file. */
class MetatypeOcdsTest {

    /** An AttributeDefinition as the MetaType service gives it. */
    private record FakeAd(String id, int type, int cardinality, String[] defaults, String[] options)
            implements AttributeDefinition {

        @Override
        public String getName() {
            return id + " name";
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return id + " description";
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return options;
        }

        @Override
        public String[] getOptionLabels() {
            return options == null ? null : Arrays.stream(options).map(o -> "label " + o).toArray(String[]::new);
        }

        @Override
        public String validate(String value) {
            return null;
        }

        @Override
        public String[] getDefaultValue() {
            return defaults;
        }
    }

    private record FakeOcd(List<FakeAd> required, List<FakeAd> optional) implements ObjectClassDefinition {

        @Override
        public String getName() {
            return "Provisioning";
        }

        @Override
        public String getID() {
            return "dev.kprov.agent.ProvisioningService";
        }

        @Override
        public String getDescription() {
            return "kprov";
        }

        @Override
        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            if (filter == REQUIRED) {
                return required.toArray(new AttributeDefinition[0]);
            }
            if (filter == OPTIONAL) {
                return optional.toArray(new AttributeDefinition[0]);
            }
            return java.util.stream.Stream.concat(required.stream(), optional.stream())
                    .toArray(AttributeDefinition[]::new);
        }

        @Override
        public InputStream getIcon(int size) {
            return null;
        }
    }

    private static final String METATYPE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<metatype:MetaData xmlns:metatype=\"http://www.osgi.org/xmlns/metatype/v1.2.0\" localization=\"en_us\">"
            + "<OCD id=\"other\" name=\"other\"><AD id=\"port\" type=\"Integer\" min=\"5\"/></OCD>"
            + "<OCD id=\"dev.kprov.agent.ProvisioningService\" name=\"Provisioning\">"
            + "<AD id=\"port\" type=\"Integer\" min=\"1\" max=\"65535\" default=\"8883\"/>"
            + "<Icon resource=\"OSGI-INF/icon.png\" size=\"32\"/></OCD>"
            + "<Designate pid=\"dev.kprov.agent.ProvisioningService\">"
            + "<Object ocdref=\"dev.kprov.agent.ProvisioningService\"/></Designate></metatype:MetaData>";

    @Test
    void definitionsBecomeKurasOcdWithMinMaxAndIconsFromTheMetatypeFile() throws SAXException {
        FakeOcd source = new FakeOcd(
                List.of(new FakeAd("port", AttributeDefinition.INTEGER, 0, new String[] { "8883" }, null)),
                List.of(new FakeAd("password", AttributeDefinition.PASSWORD, 0, new String[] { "" }, null),
                        new FakeAd("topics", AttributeDefinition.STRING, 3, new String[] { "a", "b,c" }, null),
                        new FakeAd("qos", AttributeDefinition.INTEGER, 0, new String[] { "1" },
                                new String[] { "0", "1" })));
        BundleMetatypeXml.Extras extras = BundleMetatypeXml.parse(METATYPE, source.getID());

        OCD ocd = MetatypeOcds.ocd(source, extras);

        assertEquals("dev.kprov.agent.ProvisioningService", ocd.getId());
        assertEquals("Provisioning", ocd.getName());
        assertEquals("OSGI-INF/icon.png", ocd.getIcon().get(0).getResource());
        assertEquals(BigInteger.valueOf(32), ocd.getIcon().get(0).getSize());
        Map<String, AD> ads = ocd.getAD().stream().collect(java.util.stream.Collectors.toMap(AD::getId, a -> a));
        AD port = ads.get("port");
        assertEquals(Scalar.INTEGER, port.getType());
        assertTrue(port.isRequired());
        assertEquals("1", port.getMin());
        assertEquals("65535", port.getMax());
        assertEquals("8883", port.getDefault());
        assertEquals(Scalar.PASSWORD, ads.get("password").getType());
        assertFalse(ads.get("password").isRequired());
        assertEquals("a,b\\,c", ads.get("topics").getDefault(), "an array default in metatype form");
        assertEquals(3, ads.get("topics").getCardinality());
        assertEquals("label 0", ads.get("qos").getOption().get(0).getLabel());
        assertEquals("1", ads.get("qos").getOption().get(1).getValue());
    }

    @Test
    void everyMetatypeTypeMapsToAScalar() {
        assertEquals(Scalar.STRING, MetatypeOcds.scalar(AttributeDefinition.STRING));
        assertEquals(Scalar.LONG, MetatypeOcds.scalar(AttributeDefinition.LONG));
        assertEquals(Scalar.INTEGER, MetatypeOcds.scalar(AttributeDefinition.INTEGER));
        assertEquals(Scalar.SHORT, MetatypeOcds.scalar(AttributeDefinition.SHORT));
        assertEquals(Scalar.CHAR, MetatypeOcds.scalar(AttributeDefinition.CHARACTER));
        assertEquals(Scalar.BYTE, MetatypeOcds.scalar(AttributeDefinition.BYTE));
        assertEquals(Scalar.DOUBLE, MetatypeOcds.scalar(AttributeDefinition.DOUBLE));
        assertEquals(Scalar.FLOAT, MetatypeOcds.scalar(AttributeDefinition.FLOAT));
        assertEquals(Scalar.BOOLEAN, MetatypeOcds.scalar(AttributeDefinition.BOOLEAN));
        assertEquals(Scalar.PASSWORD, MetatypeOcds.scalar(AttributeDefinition.PASSWORD));
    }

    @Test
    void aMetatypeFileWithADtdIsRefused() {
        String xml = "<!DOCTYPE m [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><m><OCD id=\"x\">&e;</OCD></m>";

        assertThrows(SAXException.class, () -> BundleMetatypeXml.parse(xml, "x"));
    }
}
