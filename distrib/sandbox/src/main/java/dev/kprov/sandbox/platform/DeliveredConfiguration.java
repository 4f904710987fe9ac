package dev.kprov.sandbox.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import dev.kprov.sandbox.secret.Secret;

/**
 * The Kura configuration snapshot the platform delivers to a gateway (PROTOCOL.md 6.2): its account
 * connection (MqttDataTransport) with its own account credentials, and the DataService connecting on its
 * own, as test-bundle's ProvisionRequests writes it. The file holds the account password: owner-only.
 */
public final class DeliveredConfiguration {

    public static final String ACCOUNT = "acme";
    private static final String TRANSPORT_PID = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    private static final String DATA_SERVICE_PID = "org.eclipse.kura.data.DataService";

    private DeliveredConfiguration() {
    }

    /** Writes the configuration for {@code clientId} into {@code file}, atomically. */
    static void write(Path file, String clientId, String accountBrokerUrl, Secret accountPassword)
            throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\" "
                + "xmlns:ocd=\"http://www.osgi.org/xmlns/metatype/v1.2.0\">\n"
                + " <esf:configuration pid=\"" + TRANSPORT_PID + "\">\n"
                + "  <esf:properties>\n"
                + property("broker-url", "String", accountBrokerUrl)
                + property("topic.context.account-name", "String", ACCOUNT)
                + property("username", "String", accountUsername(clientId))
                + property("password", "Password", accountPassword.reveal())
                + property("client-id", "String", clientId)
                + "  </esf:properties>\n"
                + " </esf:configuration>\n"
                + " <esf:configuration pid=\"" + DATA_SERVICE_PID + "\">\n"
                + "  <esf:properties>\n"
                + property("connect.auto-on-startup", "Boolean", "true")
                + property("connect.retry-interval", "Integer", "1")
                + "  </esf:properties>\n"
                + " </esf:configuration>\n"
                + "</esf:configurations>\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.write(temporary, xml.getBytes(StandardCharsets.UTF_8));
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The user name the gateway uses on its account broker. */
    static String accountUsername(String clientId) {
        return clientId + "-account";
    }

    /** What a person is told about it: where the gateway goes, never the password. */
    static String describe(String clientId, String accountBrokerUrl) {
        return "MqttDataTransport -> " + accountBrokerUrl + " as " + accountUsername(clientId) + " (password "
                + Secret.SHOWN + "), DataService connect.auto-on-startup=true";
    }

    private static String property(String name, String type, String value) {
        return "   <esf:property name=\"" + name + "\" array=\"false\" encrypted=\"false\" type=\"" + type + "\">"
                + "<esf:value>" + escape(value) + "</esf:value></esf:property>\n";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
