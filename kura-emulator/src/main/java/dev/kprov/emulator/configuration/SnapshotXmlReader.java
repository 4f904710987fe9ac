package dev.kprov.emulator.configuration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import dev.kprov.emulator.configuration.TypedValues.InvalidValue;

/**
 * Reads Kura's snapshot format ({@link SnapshotXmlWriter}) with {@link SecureXml}: a DTD or an external entity
 * is refused. Elements are matched by local name, as Kura's own parser does; unknown elements (such as an
 * {@code ocd:OCD} definition) are skipped. Values are typed by the {@code type} attribute; Password values are
 * {@link Password}s of the text as written.
 */
final class SnapshotXmlReader {

    private SnapshotXmlReader() {
    }

    /**
     * @throws KuraException {@code CONFIGURATION_SNAPSHOT_LOADING} naming what is malformed: the XML, or the
     *             configuration and property at fault
     */
    static List<SnapshotEntry> read(String xml) throws KuraException {
        Document document;
        try {
            document = SecureXml.parse(xml);
        } catch (SAXException e) {
            throw loading("the snapshot is not well-formed XML or uses a refused feature (" + e.getMessage() + ")");
        }
        Element root = document.getDocumentElement();
        if (!"configurations".equals(SecureXml.localName(root))) {
            throw loading("the root element is " + root.getNodeName() + ", not esf:configurations");
        }
        List<SnapshotEntry> entries = new ArrayList<>();
        for (Element configuration : SecureXml.children(root, "configuration")) {
            entries.add(entry(configuration));
        }
        return entries;
    }

    private static SnapshotEntry entry(Element configuration) throws KuraException {
        String pid = SecureXml.attribute(configuration, "pid");
        if (pid == null || pid.trim().isEmpty()) {
            throw loading("an esf:configuration has no pid");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        Set<String> clearPasswords = new HashSet<>();
        for (Element group : SecureXml.children(configuration, "properties")) {
            for (Element property : SecureXml.children(group, "property")) {
                String name = SecureXml.attribute(property, "name");
                if (name == null || name.isEmpty()) {
                    throw loading("a property of " + pid + " has no name");
                }
                if (properties.containsKey(name)) {
                    throw loading("property '" + name + "' of " + pid + " appears twice");
                }
                Scalar type = type(pid, name, SecureXml.attribute(property, "type"));
                properties.put(name, value(pid, name, type, property));
                if (type == Scalar.PASSWORD && !flag(pid, name, property, "encrypted")) {
                    clearPasswords.add(name);
                }
            }
        }
        return new SnapshotEntry(pid, properties, clearPasswords);
    }

    private static Scalar type(String pid, String name, String text) throws KuraException {
        if (text == null) {
            throw loading("property '" + name + "' of " + pid + " has no type");
        }
        try {
            return Scalar.fromValue(text);
        } catch (IllegalArgumentException e) {
            throw loading("property '" + name + "' of " + pid + " has the unknown type '" + text + "'");
        }
    }

    private static boolean flag(String pid, String name, Element property, String attribute) throws KuraException {
        String text = SecureXml.attribute(property, attribute);
        if (text == null || "false".equals(text.trim())) {
            return false;
        }
        if ("true".equals(text.trim())) {
            return true;
        }
        throw loading("property '" + name + "' of " + pid + ": " + attribute + " is neither true nor false");
    }

    private static Object value(String pid, String name, Scalar type, Element property) throws KuraException {
        List<Element> valueElements = SecureXml.children(property, "value");
        List<Object> values = new ArrayList<>(valueElements.size());
        for (Element valueElement : valueElements) {
            String text = valueElement.getTextContent();
            if (type == Scalar.PASSWORD) {
                values.add(new Password(text));
                continue;
            }
            try {
                values.add(TypedValues.parse(type, text));
            } catch (InvalidValue e) {
                // the reason never quotes the value: it may be a secret stored as a String
                throw loading("a value of property '" + name + "' of " + pid + " " + e.getMessage());
            }
        }
        if (flag(pid, name, property, "array")) {
            return TypedValues.toArray(type, values);
        }
        if (values.size() != 1) {
            throw loading("property '" + name + "' of " + pid + " is not an array but has " + values.size()
                    + " values");
        }
        return values.get(0);
    }

    private static KuraException loading(String reason) {
        return new KuraException(KuraErrorCode.CONFIGURATION_SNAPSHOT_LOADING, reason);
    }
}
