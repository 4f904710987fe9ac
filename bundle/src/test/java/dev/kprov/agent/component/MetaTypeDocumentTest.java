package dev.kprov.agent.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The MetaType document is generated from {@link ProvisioningConfig}; the copy checked in at
 * {@code bundle/OSGI-INF/metatype/} (where Kura keeps its own) must be exactly what the build writes.
 */
class MetaTypeDocumentTest {

    private static final String NAME = "OSGI-INF/metatype/" + ProvisioningService.PID + ".xml";
    private static final Path CHECKED_IN = Paths.get(NAME);
    private static final Path GENERATED = Paths.get("target/classes", NAME);

    @Test
    void checkedInDocumentIsWhatTheBuildWrites() throws IOException {
        assertEquals(read(GENERATED), read(CHECKED_IN),
                "the settings changed: copy " + GENERATED + " to " + CHECKED_IN);
    }

    private static String read(Path path) throws IOException {
        return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    }

    @Test
    void everySettingHasADescriptionForThePersonAtTheWebUi() throws Exception {
        Map<String, Element> ads = attributeDefinitions();

        for (Element ad : ads.values()) {
            String description = ad.getAttribute("description");
            assertTrue(description.length() >= 40, ad.getAttribute("id") + " has no real description");
            assertFalse(description.startsWith("%"), "Kura shows localization keys literally");
        }
    }

    @Test
    void settingsAreExactlyThoseOfTheTypedConfiguration() throws Exception {
        Set<String> fromAnnotation = Arrays.stream(ProvisioningConfig.class.getDeclaredMethods())
                .map(ConfigFixture::propertyName).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(fromAnnotation, new TreeSet<>(attributeDefinitions().keySet()));
    }

    @Test
    void documentDefaultsAreTheDefaultsTheComponentGets() throws Exception {
        Map<String, Element> ads = attributeDefinitions();
        for (Method method : ProvisioningConfig.class.getDeclaredMethods()) {
            String name = ConfigFixture.propertyName(method);

            assertEquals(String.valueOf(method.getDefaultValue()), ads.get(name).getAttribute("default"), name);
        }
    }

    static Map<String, Element> attributeDefinitions() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList nodes = factory.newDocumentBuilder().parse(CHECKED_IN.toFile()).getElementsByTagName("AD");
        Map<String, Element> ads = new LinkedHashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element ad = (Element) nodes.item(i);
            ads.put(ad.getAttribute("id"), ad);
        }
        return ads;
    }
}
