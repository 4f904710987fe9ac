package dev.kprov.agent.message;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the configuration of a provisioning package: Kura's snapshot format (PROTOCOL.md section 6.2),
 * parsed securely and within the bounds of section 7. A document with a DTD is refused outright, so no
 * entity, internal or external, is ever expanded; nothing is read from anywhere but the given bytes.
 */
public final class ConfigurationXml {

    public static final String ESF_NAMESPACE = "http://eurotech.com/esf/2.0";
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_CONFIGURATIONS = 500;
    public static final int MAX_PROPERTIES = 10_000;
    static final int MAX_VALUES_PER_PROPERTY = 1_000;
    static final int MAX_NAME_CHARS = 255;
    static final int MAX_VALUE_CHARS = 64 * 1024;

    private final String ownPid;
    private int properties;

    private ConfigurationXml(String ownPid) {
        this.ownPid = ownPid;
    }

    /**
     * Parses and checks the document.
     *
     * @param ownPid the agent's own PID, which a package may not configure: the agent ends its own run
     * @throws ConfigurationException naming what is wrong (never quoting a Password value)
     */
    public static List<ComponentSettings> parse(byte[] xml, String ownPid) throws ConfigurationException {
        if (xml.length > MAX_BYTES) {
            throw new ConfigurationException("the configuration is " + xml.length + " bytes, more than " + MAX_BYTES);
        }
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        String text = XmlText.decode(xml);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new StringReader(text));
            return new ConfigurationXml(ownPid).document(reader);
        } catch (XMLStreamException | RuntimeException e) {
            throw new ConfigurationException("the configuration is not well-formed XML: "
                    + Text.oneLine(String.valueOf(e.getMessage()), Limits.MAX_EXCEPTION_MESSAGE_CHARS));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException e) {
                    // nothing held
                }
            }
        }
    }

    private static void trySet(XMLInputFactory factory, String property, Object value) {
        try {
            factory.setProperty(property, value);
        } catch (IllegalArgumentException e) {
            // not every StAX implementation knows it; SUPPORT_DTD=false and the DTD check below suffice
        }
    }

    private List<ComponentSettings> document(XMLStreamReader reader) throws XMLStreamException, ConfigurationException {
        startElement(reader, "configurations", "the root element");
        List<ComponentSettings> configurations = new ArrayList<>();
        Map<String, Boolean> pids = new LinkedHashMap<>();
        while (nextElement(reader)) {
            expect(reader, "configuration");
            if (configurations.size() == MAX_CONFIGURATIONS) {
                throw new ConfigurationException("more than " + MAX_CONFIGURATIONS + " configurations");
            }
            ComponentSettings settings = configuration(reader);
            if (settings.pid().equals(ownPid)) {
                throw new ConfigurationException("the configuration targets the agent's own PID " + ownPid
                        + ": the agent ends its own run");
            }
            if (pids.put(settings.pid(), Boolean.TRUE) != null) {
                throw new ConfigurationException("PID " + settings.pid() + " is configured twice");
            }
            configurations.add(settings);
        }
        while (reader.hasNext()) {
            checkNoDtd(reader.next());
        }
        return configurations;
    }

    private ComponentSettings configuration(XMLStreamReader reader) throws XMLStreamException, ConfigurationException {
        String pid = bounded(reader.getAttributeValue(null, "pid"), "the pid of a configuration");
        Map<String, Object> values = new LinkedHashMap<>();
        while (nextElement(reader)) {
            if (isEsf(reader, "properties")) {
                while (nextElement(reader)) {
                    expect(reader, "property");
                    if (++properties > MAX_PROPERTIES) {
                        throw new ConfigurationException("more than " + MAX_PROPERTIES + " properties");
                    }
                    property(reader, pid, values);
                }
            } else {
                skipElement(reader);
            }
        }
        return new ComponentSettings(pid, values);
    }

    private void property(XMLStreamReader reader, String pid, Map<String, Object> values)
            throws XMLStreamException, ConfigurationException {
        String name = bounded(reader.getAttributeValue(null, "name"), "a property name of " + pid);
        String where = "property " + name + " of " + pid;
        PropertyType type = PropertyType.of(reader.getAttributeValue(null, "type"), where);
        boolean array = bool(reader.getAttributeValue(null, "array"), "array", where);
        if (bool(reader.getAttributeValue(null, "encrypted"), "encrypted", where)) {
            throw new ConfigurationException(where + " is encrypted: values in a provisioning package are given in "
                    + "clear text (encrypted=\"false\"), since only the gateway holds its key");
        }
        List<String> texts = new ArrayList<>();
        while (nextElement(reader)) {
            expect(reader, "value");
            if (texts.size() == MAX_VALUES_PER_PROPERTY) {
                throw new ConfigurationException(where + " has more than " + MAX_VALUES_PER_PROPERTY + " values");
            }
            texts.add(text(reader, where));
        }
        if (!array && texts.size() != 1) {
            throw new ConfigurationException(where + " is not an array but has " + texts.size() + " values");
        }
        if (values.containsKey(name)) {
            throw new ConfigurationException(where + " is given twice");
        }
        values.put(name, array ? type.array(texts, where) : type.value(texts.get(0), where));
    }

    private static String text(XMLStreamReader reader, String where) throws XMLStreamException, ConfigurationException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = reader.next();
            checkNoDtd(event);
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                if (text.length() > MAX_VALUE_CHARS) {
                    throw new ConfigurationException(where + " has a value longer than " + MAX_VALUE_CHARS);
                }
            } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new ConfigurationException(where + " refers to an entity; entities are not allowed");
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                throw new ConfigurationException(where + " has an element inside a value");
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return text.toString();
            }
        }
    }

    /** Moves to the next child start element; false at the end of the current element. */
    private static boolean nextElement(XMLStreamReader reader) throws XMLStreamException, ConfigurationException {
        while (reader.hasNext()) {
            int event = reader.next();
            checkNoDtd(event);
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new ConfigurationException("entities are not allowed");
            }
        }
        return false;
    }

    private static void startElement(XMLStreamReader reader, String name, String what)
            throws XMLStreamException, ConfigurationException {
        if (!nextElement(reader) || !isEsf(reader, name)) {
            throw new ConfigurationException(what + " must be esf:" + name + " in namespace " + ESF_NAMESPACE);
        }
    }

    private static void expect(XMLStreamReader reader, String name) throws ConfigurationException {
        if (!isEsf(reader, name)) {
            throw new ConfigurationException("unexpected element " + reader.getName() + " where esf:" + name
                    + " belongs");
        }
    }

    private static boolean isEsf(XMLStreamReader reader, String name) {
        return ESF_NAMESPACE.equals(reader.getNamespaceURI()) && name.equals(reader.getLocalName());
    }

    private static void skipElement(XMLStreamReader reader) throws XMLStreamException, ConfigurationException {
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            int event = reader.next();
            checkNoDtd(event);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static void checkNoDtd(int event) throws ConfigurationException {
        if (event == XMLStreamConstants.DTD) {
            throw new ConfigurationException("the configuration has a DTD; DTDs and entities are not allowed");
        }
    }

    private static String bounded(String value, String what) throws ConfigurationException {
        if (value == null || value.trim().isEmpty()) {
            throw new ConfigurationException(what + " is missing");
        }
        if (value.length() > MAX_NAME_CHARS) {
            throw new ConfigurationException(what + " is longer than " + MAX_NAME_CHARS + " characters");
        }
        return value;
    }

    private static boolean bool(String value, String attribute, String where) throws ConfigurationException {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new ConfigurationException(where + ": " + attribute + " must be true or false");
    }

    /** The configuration of a package cannot be used. */
    public static final class ConfigurationException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConfigurationException(String message) {
            super(message);
        }
    }
}
