package dev.kprov.fuzz.seed;

import java.nio.charset.StandardCharsets;

/**
 * Writes Kura configuration snapshots (PROTOCOL.md section 6.2) for seeds and generated inputs. Escapes
 * what XML requires and nothing more; the caller chooses names, types and values, valid or not.
 */
public final class KuraXml {

    private final StringBuilder out = new StringBuilder();
    private final String prefix;
    private boolean inConfiguration;

    public KuraXml() {
        this("esf");
    }

    /** A document whose ESF namespace has the given prefix ("" for the default namespace). */
    public KuraXml(String prefix) {
        this.prefix = prefix.isEmpty() ? "" : prefix + ":";
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(this.prefix).append("configurations ")
                .append(prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix)
                .append("=\"http://eurotech.com/esf/2.0\" xmlns:ocd=\"http://www.osgi.org/xmlns/metatype/v1.2.0\">\n");
    }

    public KuraXml configuration(String pid) {
        closeConfiguration();
        out.append(" <").append(prefix).append("configuration pid=\"").append(escape(pid)).append("\">\n  <")
                .append(prefix).append("properties>\n");
        inConfiguration = true;
        return this;
    }

    public KuraXml property(String name, String type, String value) {
        return property(name, type, false, value);
    }

    public KuraXml array(String name, String type, String... values) {
        return property(name, type, true, values);
    }

    public KuraXml property(String name, String type, boolean array, String... values) {
        out.append("   <").append(prefix).append("property name=\"").append(escape(name)).append("\" array=\"")
                .append(array).append("\" encrypted=\"false\" type=\"").append(escape(type)).append("\">");
        for (String value : values) {
            out.append('<').append(prefix).append("value>").append(escape(value)).append("</").append(prefix)
                    .append("value>");
        }
        out.append("</").append(prefix).append("property>\n");
        return this;
    }

    /** Raw text at the current place, unescaped: comments, processing instructions, odd markup. */
    public KuraXml raw(String text) {
        out.append(text);
        return this;
    }

    public byte[] toBytes() {
        closeConfiguration();
        out.append("</").append(prefix).append("configurations>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void closeConfiguration() {
        if (inConfiguration) {
            out.append("  </").append(prefix).append("properties>\n </").append(prefix).append("configuration>\n");
            inConfiguration = false;
        }
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** The account connection that section 6.2 requires, for {@link Fixture#CLIENT_ID}. */
    public static KuraXml accountConnection() {
        return new KuraXml().configuration(Fixture.TRANSPORT_PID)
                .property("broker-url", "String", "mqtts://broker.acme.example:8883/")
                .property("topic.context.account-name", "String", Fixture.ACCOUNT)
                .property("username", "String", Fixture.ACCOUNT + "-" + Fixture.CLIENT_ID)
                .property("password", "Password", "q8Vt3-rLw9-zNc2e")
                .property("client-id", "String", Fixture.CLIENT_ID)
                .configuration(Fixture.DATA_SERVICE_PID)
                .property("connect.auto-on-startup", "Boolean", "true");
    }
}
