package dev.kprov.emulator.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes configurations in Kura's snapshot format (KURA-API-FACTS 3.3, PROTOCOL 6.2):
 *
 * <pre>
 * &lt;esf:configurations xmlns:esf="http://eurotech.com/esf/2.0" xmlns:ocd="http://www.osgi.org/xmlns/metatype/v1.2.0"&gt;
 *   &lt;esf:configuration pid="..."&gt;
 *     &lt;esf:properties&gt;
 *       &lt;esf:property name="..." array="false" encrypted="false" type="String"&gt;
 *         &lt;esf:value&gt;...&lt;/esf:value&gt;
 * </pre>
 *
 * Properties are sorted by name. Text is escaped so that it reads back exactly, line breaks and tabs
 * included; a character XML 1.0 cannot carry is refused, naming the property.
 */
final class SnapshotXmlWriter {

    static final String ESF_NS = "http://eurotech.com/esf/2.0";
    static final String OCD_NS = "http://www.osgi.org/xmlns/metatype/v1.2.0";

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotXmlWriter.class);

    private SnapshotXmlWriter() {
    }

    static String write(List<SnapshotEntry> entries) throws KuraException {
        StringBuilder xml = new StringBuilder(4096);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<esf:configurations xmlns:esf=\"").append(ESF_NS).append("\" xmlns:ocd=\"").append(OCD_NS)
                .append("\">\n");
        for (SnapshotEntry entry : entries) {
            xml.append("    <esf:configuration pid=\"").append(text(entry.pid(), entry.pid(), "pid")).append("\">\n");
            xml.append("        <esf:properties>\n");
            for (Map.Entry<String, Object> property : new TreeMap<>(entry.properties()).entrySet()) {
                if (property.getValue() != null) {
                    writeProperty(xml, entry, property.getKey(), property.getValue());
                }
            }
            xml.append("        </esf:properties>\n");
            xml.append("    </esf:configuration>\n");
        }
        xml.append("</esf:configurations>\n");
        return xml.toString();
    }

    private static void writeProperty(StringBuilder xml, SnapshotEntry entry, String name, Object value)
            throws KuraException {
        boolean array = TypedValues.isMulti(value);
        List<Object> elements = new ArrayList<>();
        for (Object element : TypedValues.elements(value)) {
            if (element != null) {
                elements.add(element);
            }
        }
        Scalar type = typeOf(entry.pid(), name, value, elements);
        boolean encrypted = type == Scalar.PASSWORD && !entry.clearPasswords().contains(name);
        xml.append("            <esf:property name=\"").append(text(name, entry.pid(), name)).append("\" array=\"")
                .append(array).append("\" encrypted=\"").append(encrypted).append("\" type=\"").append(type.value())
                .append("\">\n");
        for (Object element : elements) {
            xml.append("                <esf:value>").append(text(valueText(element), entry.pid(), name))
                    .append("</esf:value>\n");
        }
        xml.append("            </esf:property>\n");
    }

    /** The type of every value; values of another type are written as their text, with a warning. */
    private static Scalar typeOf(String pid, String name, Object value, List<Object> elements) {
        Scalar type = elements.isEmpty() ? TypedValues.scalarOfEmpty(value) : TypedValues.scalarOf(elements.get(0));
        boolean uniform = type != null;
        for (Object element : elements) {
            uniform &= TypedValues.scalarOf(element) == type;
        }
        if (!uniform) {
            LOG.warn("{}: property '{}' of {} has a type snapshots do not carry; written as String",
                    ConfigurationServiceImpl.PID, name, pid);
            return Scalar.STRING;
        }
        return type;
    }

    private static String valueText(Object element) {
        if (element instanceof Password) {
            char[] chars = ((Password) element).getPassword();
            return chars == null ? "" : new String(chars);
        }
        return String.valueOf(element);
    }

    /** {@code raw} escaped for an attribute or element text; refuses what XML 1.0 cannot carry. */
    private static String text(String raw, String pid, String property) throws KuraException {
        StringBuilder out = new StringBuilder(raw.length() + 8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
            case '&':
                out.append("&amp;");
                break;
            case '<':
                out.append("&lt;");
                break;
            case '>':
                out.append("&gt;");
                break;
            case '"':
                out.append("&quot;");
                break;
            case '\n':
            case '\r':
            case '\t':
                // character references survive the parser's normalisation of line ends and attributes
                out.append("&#").append((int) c).append(';');
                break;
            default:
                if (!allowed(raw, i)) {
                    throw new KuraException(KuraErrorCode.CONFIGURATION_SNAPSHOT_TAKING, "property '" + property
                            + "' of " + pid + " holds a character that an XML snapshot cannot carry");
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean allowed(String raw, int i) {
        char c = raw.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(raw.charAt(i - 1));
        }
        return c >= 0x20 && c != 0xFFFE && c != 0xFFFF;
    }
}
