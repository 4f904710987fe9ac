package dev.kprov.bench.micro;

import java.nio.charset.StandardCharsets;

/**
 * Writes a Kura configuration snapshot (PROTOCOL.md section 6.2) the way Kura lays one out: one
 * {@code esf:configuration} per PID, each property with its type, array and encrypted attributes.
 */
final class KuraXml {

    private final StringBuilder xml = new StringBuilder()
            .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"")
            .append(" xmlns:ocd=\"http://www.osgi.org/xmlns/metatype/v1.2.0\">\n");
    private boolean open;

    /** Starts the next configuration, closing the previous one. */
    KuraXml configuration(String pid) {
        closeConfiguration();
        xml.append(" <esf:configuration pid=\"").append(escape(pid)).append("\">\n  <esf:properties>\n");
        open = true;
        return this;
    }

    /** A single-valued property in clear text. */
    KuraXml property(String name, String type, String value) {
        return property(name, type, false, value);
    }

    /** An array property: one {@code esf:value} per element. */
    KuraXml array(String name, String type, String... values) {
        return property(name, type, true, values);
    }

    private KuraXml property(String name, String type, boolean array, String... values) {
        if (!open) {
            throw new IllegalStateException("property " + name + " outside a configuration");
        }
        xml.append("   <esf:property name=\"").append(escape(name)).append("\" array=\"").append(array)
                .append("\" encrypted=\"false\" type=\"").append(type).append("\">");
        for (String value : values) {
            xml.append("<esf:value>").append(escape(value)).append("</esf:value>");
        }
        xml.append("</esf:property>\n");
        return this;
    }

    /** The document; call once, last. */
    byte[] toBytes() {
        closeConfiguration();
        return xml.append("</esf:configurations>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private void closeConfiguration() {
        if (open) {
            xml.append("  </esf:properties>\n </esf:configuration>\n");
            open = false;
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
