package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.ConfigurationServiceImpl.PID;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.configuration.metatype.Icon;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * What Kura's {@code AD} and {@code OCD} have and the MetaType service API does not expose: the {@code min} and
 * {@code max} of each AD and the icons' resource names. Kura reads them from the raw file
 * {@code OSGI-INF/metatype/<pid>.xml} of the bundle (KURA-API-FACTS 4.1); so does this, securely and bounded.
 * Elements are matched by local name, as Kura's parser does. A missing or unreadable file gives no extras.
 */
final class BundleMetatypeXml {

    /** The extras of one OCD: min and max by AD id, and the icons. */
    record Extras(Map<String, String> mins, Map<String, String> maxes, List<Icon> icons) {

        static final Extras NONE = new Extras(Map.of(), Map.of(), List.of());
    }

    static final int MAX_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BundleMetatypeXml.class);

    private BundleMetatypeXml() {
    }

    /** The extras of OCD {@code ocdId} from the metatype file named after {@code pid} in {@code bundle}. */
    static Extras read(Bundle bundle, String pid, String ocdId) {
        URL entry = bundle.getEntry("OSGI-INF/metatype/" + pid + ".xml");
        if (entry == null && ocdId != null) {
            entry = bundle.getEntry("OSGI-INF/metatype/" + ocdId + ".xml");
        }
        if (entry == null) {
            return Extras.NONE;
        }
        try (InputStream in = entry.openStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                LOG.warn("{}: metatype file {} of {} is larger than {} bytes; its min, max and icons are ignored", PID,
                        entry.getPath(), bundle.getSymbolicName(), MAX_BYTES);
                return Extras.NONE;
            }
            return parse(new String(bytes, StandardCharsets.UTF_8), ocdId);
        } catch (IOException | SAXException e) {
            LOG.warn("{}: metatype file {} of {} cannot be read: {}", PID, entry.getPath(), bundle.getSymbolicName(),
                    e.toString());
            return Extras.NONE;
        }
    }

    /** The extras of OCD {@code ocdId} in a metatype document; of its first OCD when none has that id. */
    static Extras parse(String xml, String ocdId) throws SAXException {
        Document document = SecureXml.parse(xml);
        List<Element> ocds = SecureXml.children(document.getDocumentElement(), "OCD");
        Element chosen = null;
        for (Element ocd : ocds) {
            if (ocdId != null && ocdId.equals(ocd.getAttribute("id"))) {
                chosen = ocd;
            }
        }
        if (chosen == null && !ocds.isEmpty()) {
            chosen = ocds.get(0);
        }
        if (chosen == null) {
            return Extras.NONE;
        }
        Map<String, String> mins = new HashMap<>();
        Map<String, String> maxes = new HashMap<>();
        for (Element ad : SecureXml.children(chosen, "AD")) {
            String id = SecureXml.attribute(ad, "id");
            if (id == null) {
                continue;
            }
            String min = SecureXml.attribute(ad, "min");
            String max = SecureXml.attribute(ad, "max");
            if (min != null) {
                mins.put(id, min);
            }
            if (max != null) {
                maxes.put(id, max);
            }
        }
        List<Icon> icons = new ArrayList<>();
        for (Element icon : SecureXml.children(chosen, "Icon")) {
            String resource = SecureXml.attribute(icon, "resource");
            if (resource != null) {
                icons.add(new Definitions.Ico(resource, size(SecureXml.attribute(icon, "size"))));
            }
        }
        return new Extras(mins, maxes, icons);
    }

    private static BigInteger size(String text) {
        try {
            return text == null ? null : new BigInteger(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
