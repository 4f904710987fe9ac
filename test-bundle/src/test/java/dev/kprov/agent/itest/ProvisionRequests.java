package dev.kprov.agent.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes provision requests in the platform's file format (platform/README.md), one file per gateway. */
final class ProvisionRequests {

    private final Path dir;
    private final String accountBrokerUrl;

    /** {@code accountBrokerUrl}: where the delivered configuration sends the gateway once provisioned. */
    ProvisionRequests(Path dir, String accountBrokerUrl) {
        this.dir = dir;
        this.accountBrokerUrl = accountBrokerUrl;
    }

    /**
     * A Kura configuration snapshot as a platform delivers it: the account connection (PROTOCOL.md 6.2) for
     * {@code clientId}, with its own account credentials, and the data service connecting on its own.
     */
    String configuration(String clientId) {
        return configuration(clientId, "");
    }

    /** The same, with more {@code esf:property} elements for the DataService (to make a value refused, say). */
    String configuration(String clientId, String dataServiceExtra) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\" "
                + "xmlns:ocd=\"http://www.osgi.org/xmlns/metatype/v1.2.0\">\n"
                + " <esf:configuration pid=\"org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport\">\n"
                + "  <esf:properties>\n"
                + property("broker-url", "String", accountBrokerUrl)
                + property("topic.context.account-name", "String", "acme")
                + property("username", "String", clientId + "-account")
                + property("password", "Password", clientId + "-account-S3CR3T")
                + property("client-id", "String", clientId)
                + "  </esf:properties>\n"
                + " </esf:configuration>\n"
                + " <esf:configuration pid=\"org.eclipse.kura.data.DataService\">\n"
                + "  <esf:properties>\n"
                + property("connect.auto-on-startup", "Boolean", "true")
                + property("connect.retry-interval", "Integer", "1")
                + dataServiceExtra
                + "  </esf:properties>\n"
                + " </esf:configuration>\n"
                + "</esf:configurations>\n";
    }

    static String property(String name, String type, String value) {
        return "   <esf:property name=\"" + name + "\" array=\"false\" encrypted=\"false\" type=\"" + type + "\">"
                + "<esf:value>" + value + "</esf:value></esf:property>\n";
    }

    /** A request for {@code clientId} with the given credentials and extra keys; written atomically. */
    void write(String clientId, String username, String password, Map<String, String> extra) throws IOException {
        write(clientId, username, password, extra, configuration(clientId));
    }

    /** The same, with the configuration XML given. */
    void write(String clientId, String username, String password, Map<String, String> extra, String xml)
            throws IOException {
        Files.createDirectories(dir);
        Path configuration = dir.resolve(clientId + "-configuration.xml");
        Files.write(configuration, xml.getBytes(StandardCharsets.UTF_8));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("client.id", clientId);
        fields.put("username", username);
        fields.put("password", password);
        fields.put("account.name", "acme");
        fields.put("configuration", configuration.getFileName().toString());
        fields.putAll(extra);
        StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path temporary = dir.resolve(clientId + ".properties.tmp");
        Files.write(temporary, text.toString().getBytes(StandardCharsets.UTF_8));
        Files.move(temporary, dir.resolve(clientId + ".properties"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
