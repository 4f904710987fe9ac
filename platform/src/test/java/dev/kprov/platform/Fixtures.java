package dev.kprov.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.kprov.platform.request.ProvisionRequestSpec;

/** Files a provision request refers to, written into a test's temporary directory. */
final class Fixtures {

    static final String ACCOUNT_PASSWORD = "s3cret-account-pw";

    private Fixtures() {
    }

    /** A configuration snapshot with the account connection of PROTOCOL.md section 6.2. */
    static String configuration(String clientId, String accountName) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\" "
                + "xmlns:ocd=\"http://www.osgi.org/xmlns/metatype/v1.2.0\">\n"
                + " <esf:configuration pid=\"org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport\">\n"
                + "  <esf:properties>\n"
                + property("broker-url", "String", "mqtts://127.0.0.1:8883/")
                + property("topic.context.account-name", "String", accountName)
                + property("username", "String", accountName + "-gw-" + clientId)
                + property("password", "Password", ACCOUNT_PASSWORD)
                + property("client-id", "String", clientId)
                + "  </esf:properties>\n"
                + " </esf:configuration>\n"
                + " <esf:configuration pid=\"org.eclipse.kura.data.DataService\">\n"
                + "  <esf:properties>\n"
                + property("connect.auto-on-startup", "Boolean", "true")
                + "  </esf:properties>\n"
                + " </esf:configuration>\n"
                + "</esf:configurations>\n";
    }

    private static String property(String name, String type, String value) {
        return "   <esf:property name=\"" + name + "\" array=\"false\" encrypted=\"false\" type=\"" + type
                + "\"><esf:value>" + value + "</esf:value></esf:property>\n";
    }

    static Path writeConfiguration(Path directory, String clientId, String accountName) throws IOException {
        Path file = directory.resolve(clientId + "-configuration.xml");
        Files.writeString(file, configuration(clientId, accountName));
        return file;
    }

    /** A deployment package: a JAR whose manifest names it, holding one small resource. */
    static Path writeDeploymentPackage(Path directory, String name, String version) throws IOException {
        Path file = directory.resolve(name + "_" + version + ".dp");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("DeploymentPackage-SymbolicName", name);
        main.putValue("DeploymentPackage-Version", version);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write(("application " + name + " " + version).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }

    /** A request with a configuration and one application, password {@code pw-<clientId>}. */
    static ProvisionRequestSpec.Builder request(Path directory, String clientId) throws IOException {
        return ProvisionRequestSpec.builder(clientId)
                .username(clientId + "-user")
                .password("pw-" + clientId)
                .accountName("acme")
                .configuration(writeConfiguration(directory, clientId, "acme"))
                .addApplication(writeDeploymentPackage(directory, "org.example.app", "1.2.3"));
    }
}
