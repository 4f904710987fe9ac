package dev.kprov.agent.component;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.kura.security.keystore.KeystoreService;
import org.eclipse.kura.ssl.SslManagerService;
import org.eclipse.kura.system.SystemService;

import dev.kprov.agent.message.DeviceField;

/**
 * What the agent takes from the gateway's Kura services, as the machine's ports need it. The SSL manager
 * and the keystore are dynamic references: each call reads the one bound now, and says clearly when none is.
 */
final class GatewayServices {

    private final SystemService system;
    private final Supplier<SslManagerService> sslManager;
    private final Supplier<KeystoreService> keystore;

    GatewayServices(SystemService system, Supplier<SslManagerService> sslManager, Supplier<KeystoreService> keystore) {
        this.system = system;
        this.sslManager = sslManager;
        this.keystore = keystore;
    }

    /** TLS to the provision broker: the SSL manager's factory checks the certificate and the host name. */
    SSLSocketFactory tlsSockets() throws Exception {
        SslManagerService ssl = sslManager.get();
        if (ssl == null) {
            throw new IllegalStateException("no SSL manager service matches the setting 'SslManagerService.target'");
        }
        return ssl.getSSLSocketFactory();
    }

    /** The trusted-certificate entries of the keystore behind the SSL manager (PROTOCOL.md section 8, step 3). */
    List<X509Certificate> trustAnchors() throws Exception {
        List<X509Certificate> anchors = new ArrayList<>();
        for (KeyStore.Entry entry : keystore().getEntries().values()) {
            if (entry instanceof KeyStore.TrustedCertificateEntry) {
                Certificate certificate = ((KeyStore.TrustedCertificateEntry) entry).getTrustedCertificate();
                if (certificate instanceof X509Certificate) {
                    anchors.add((X509Certificate) certificate);
                }
            }
        }
        return anchors;
    }

    /** The keystore bound now, the truststore behind the SSL manager; says clearly when none is. */
    KeystoreService keystore() {
        KeystoreService service = keystore.get();
        if (service == null) {
            throw new IllegalStateException("no keystore service matches the setting 'KeystoreService.target'");
        }
        return service;
    }

    /** The best-effort device fields of the provision request (PROTOCOL.md section 5). */
    Map<DeviceField, String> deviceFields() {
        Map<DeviceField, String> fields = new EnumMap<>(DeviceField.class);
        fields.put(DeviceField.SERIAL_NUMBER, known(system.getSerialNumber()));
        fields.put(DeviceField.MODEL_ID, known(system.getModelId()));
        fields.put(DeviceField.MODEL_NAME, known(system.getModelName()));
        fields.put(DeviceField.KURA_VERSION, known(system.getKuraVersion()));
        fields.put(DeviceField.JAVA_VERSION, known(system.getJavaVersion()));
        fields.put(DeviceField.OS_NAME, known(system.getOsName()));
        fields.put(DeviceField.OS_VERSION, known(system.getOsVersion()));
        fields.put(DeviceField.PRIMARY_MAC, known(system.getPrimaryMacAddress()));
        fields.values().removeIf(value -> value == null);
        return fields;
    }

    private static String known(String value) {
        return value == null || value.trim().isEmpty() || SystemService.UNKNOWN.equals(value) ? null : value.trim();
    }
}
