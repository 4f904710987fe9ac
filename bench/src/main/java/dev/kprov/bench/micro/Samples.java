package dev.kprov.bench.micro;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;

import dev.kprov.agent.message.DeviceField;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionRequest;
import dev.kprov.agent.message.ProvisioningPackage;
import dev.kprov.platform.pki.KeyAlgorithm;
import dev.kprov.platform.pki.KeyMaterialException;
import dev.kprov.platform.pki.SignerIdentity;
import dev.kprov.platform.pki.StateDirectory;

/**
 * The real inputs of the micro-benchmarks, made the way the agent and the reference platform make them:
 * a provision request with every field of PROTOCOL.md section 5, provisioning packages signed by the
 * platform's own code with a fresh root, intermediate and signer, and Kura configuration snapshots.
 */
final class Samples {

    static final String REQUEST_ID = "3f9a6c2e71b04d58a2e9c0b7d4f61a83";
    static final String CLIENT_ID = "00E0C7A1B2C3";
    static final String ACCOUNT = "acme-industrial";
    static final String TRANSPORT_PID = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    static final String DATA_SERVICE_PID = "org.eclipse.kura.data.DataService";
    static final String CLOUD_SERVICE_PID = "org.eclipse.kura.cloud.CloudService";
    static final String CLOCK_PID = "org.eclipse.kura.clock.ClockService";
    static final String POSITION_PID = "org.eclipse.kura.position.PositionService";
    static final String REST_PID = "org.eclipse.kura.internal.rest.provider.RestService";
    static final String PUBLISHER_PID = "telemetry-publisher";
    static final String PUBLISHER_FACTORY_PID = "org.eclipse.kura.cloud.publisher.CloudPublisher";

    private Samples() {
    }

    /** A signed package and the root that the gateway trusts for it (ca-authentication). */
    record SignedPackage(byte[] der, X509Certificate root) {
        @Override
        public String toString() {
            return "SignedPackage[" + der.length + " bytes]";
        }
    }

    /** A request as a Kura 5 gateway sends it: activation key and every device field. */
    static ProvisionRequest request() {
        return ProvisionRequest.withId(REQUEST_ID, CLIENT_ID)
                .activationKey("K7QX-M2PD-9WZR-4HTE".toCharArray())
                .device(DeviceField.SERIAL_NUMBER, "RG1A0123456")
                .device(DeviceField.MODEL_ID, "ReliaGATE 10-12")
                .device(DeviceField.MODEL_NAME, "ReliaGATE")
                .device(DeviceField.KURA_VERSION, "KURA_5.4.0")
                .device(DeviceField.JAVA_VERSION, "1.8.0_382-b05")
                .device(DeviceField.OS_NAME, "Linux")
                .device(DeviceField.OS_VERSION, "5.10.109-yocto-standard")
                .device(DeviceField.PRIMARY_MAC, "00:E0:C7:A1:B2:C3")
                .build();
    }

    /**
     * A provisioning package as the reference platform builds one for a first connection (PROTOCOL.md
     * section 6.1): the account connection, no application, signed by a new root, intermediate and signer
     * of {@code algorithm} (the platform's {@link StateDirectory}, in memory).
     */
    static SignedPackage signedPackage(KeyAlgorithm algorithm) throws Exception {
        SignerIdentity signer = signer(algorithm);
        ProvisioningPackage content = ProvisioningPackage.builder(REQUEST_ID, CLIENT_ID, ACCOUNT)
                .issuedAt(System.currentTimeMillis())
                .configuration(accountConnection())
                .build();
        return new SignedPackage(signer.signCms(PayloadCodec.encode(content.toPayload())), signer.root());
    }

    private static SignerIdentity signer(KeyAlgorithm algorithm) throws KeyMaterialException {
        return new StateDirectory(Optional.empty(), algorithm, new SecureRandom(), Clock.systemUTC()).signer();
    }

    /**
     * What section 6.2 requires and the reference platform delivers for a first connection: the account's
     * MqttDataTransport connection settings and the DataService connecting on start-up.
     */
    static byte[] accountConnection() {
        KuraXml xml = new KuraXml();
        accountTransport(xml);
        xml.configuration(DATA_SERVICE_PID).property("connect.auto-on-startup", "Boolean", "true");
        return xml.toBytes();
    }

    /**
     * A fuller snapshot, as an operator exports one from a configured gateway: the account connection,
     * the cloud service, the clock, the position, the REST service (an array property) and a cloud
     * publisher that is a factory configuration; String, Password, Integer, Long, Double and Boolean values.
     */
    static byte[] gatewayConfiguration() {
        KuraXml xml = new KuraXml();
        accountTransport(xml);
        transportSettings(xml);
        dataService(xml);
        xml.configuration(CLOUD_SERVICE_PID)
                .property("device.display-name", "String", "device-name")
                .property("device.custom-name", "String", "line-3-gateway")
                .property("topic.control-prefix", "String", "$EDC")
                .property("encode.gzip", "Boolean", "true")
                .property("republish.mqtt.birth.cert.on.gps.lock", "Boolean", "false")
                .property("republish.mqtt.birth.cert.on.modem.detect", "Boolean", "false")
                .property("enable.default.subscriptions", "Boolean", "true")
                .property("birth.cert.policy", "String", "birth-connect-reconnect")
                .property("payload.encoding", "String", "kura-protobuf")
                .property("DataService.target", "String", "(kura.service.pid=" + DATA_SERVICE_PID + ")");
        xml.configuration(CLOCK_PID)
                .property("enabled", "Boolean", "true")
                .property("clock.set.hwclock", "Boolean", "true")
                .property("clock.provider", "String", "java-ntp")
                .property("clock.ntp.host", "String", "0.pool.ntp.org")
                .property("clock.ntp.port", "Integer", "123")
                .property("clock.ntp.timeout", "Integer", "10000")
                .property("clock.ntp.max-retry", "Integer", "0")
                .property("clock.ntp.retry.interval", "Integer", "5")
                .property("clock.ntp.refresh-interval", "Integer", "3600");
        xml.configuration(POSITION_PID)
                .property("enabled", "Boolean", "false")
                .property("static", "Boolean", "true")
                .property("latitude", "Double", "45.4642")
                .property("longitude", "Double", "9.19")
                .property("altitude", "Double", "122.0");
        xml.configuration(REST_PID)
                .array("allowed.ports", "Integer", "443", "8443")
                .property("auth.password.enabled", "Boolean", "true")
                .property("auth.certificate.enabled", "Boolean", "true")
                .property("session.inactivity.interval", "Long", "900");
        xml.configuration(PUBLISHER_PID)
                .property("service.factoryPid", "String", PUBLISHER_FACTORY_PID)
                .property("kura.service.pid", "String", PUBLISHER_PID)
                .property("appId", "String", "W1")
                .property("app.topic", "String", "A1/$assetName")
                .property("qos", "Integer", "1")
                .property("retain", "Boolean", "false")
                .property("message.type", "String", "data")
                .property("priority", "Integer", "7")
                .property("CloudService.target", "String", "(kura.service.pid=" + CLOUD_SERVICE_PID + ")");
        return xml.toBytes();
    }

    private static void accountTransport(KuraXml xml) {
        xml.configuration(TRANSPORT_PID)
                .property("broker-url", "String", "mqtts://broker.acme-industrial.example:8883/")
                .property("topic.context.account-name", "String", ACCOUNT)
                .property("username", "String", ACCOUNT + "-" + CLIENT_ID)
                .property("password", "Password", "q8Vt3#rLw9!zNc2e")
                .property("client-id", "String", CLIENT_ID);
    }

    /** The rest of the transport's settings, as a full snapshot has them. */
    private static void transportSettings(KuraXml xml) {
        xml.property("keep-alive", "Integer", "30")
                .property("timeout", "Integer", "20")
                .property("clean-session", "Boolean", "true")
                .property("lwt.topic", "String", "$EDC/#account-name/#client-id/MQTT/LWT")
                .property("lwt.payload", "String", "")
                .property("lwt.qos", "Integer", "0")
                .property("lwt.retain", "Boolean", "false")
                .property("in-flight.persistence", "String", "memory")
                .property("protocol-version", "Integer", "4")
                .property("SslManagerService.target", "String",
                        "(kura.service.pid=org.eclipse.kura.ssl.SslManagerService)");
    }

    private static void dataService(KuraXml xml) {
        xml.configuration(DATA_SERVICE_PID)
                .property("connect.auto-on-startup", "Boolean", "true")
                .property("connect.retry-interval", "Integer", "60")
                .property("enable.recovery.on.connection.failure", "Boolean", "true")
                .property("connection.recovery.max.failures", "Integer", "10")
                .property("disconnect.quiesce-timeout", "Integer", "10")
                .property("store.db.service.pid", "String", "org.eclipse.kura.db.H2DbService")
                .property("store.housekeeper-interval", "Integer", "900")
                .property("store.purge-age", "Integer", "60")
                .property("store.capacity", "Integer", "10000")
                .property("in-flight-messages.republish-on-new-session", "Boolean", "true")
                .property("in-flight-messages.max-number", "Integer", "9")
                .property("in-flight-messages.congestion-timeout", "Integer", "0")
                .property("enable.rate.limit", "Boolean", "true")
                .property("rate.limit.average", "Integer", "1")
                .property("rate.limit.time.unit", "String", "SECONDS")
                .property("rate.limit.burst.size", "Integer", "1")
                .property("DataTransportService.target", "String", "(kura.service.pid=" + TRANSPORT_PID + ")");
    }
}
