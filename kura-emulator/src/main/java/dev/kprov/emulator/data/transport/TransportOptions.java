package dev.kprov.emulator.data.transport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.system.SystemService;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.emulator.data.ConfigValues;

/**
 * The transport's configuration, read once per activation or update, with Kura's defaults for what is
 * missing. An invalid configuration does not stop the component (Kura's ConfigurationService must still be
 * able to fix it): it is kept with its {@link #problem()}, which {@code connect()} reports. The password is
 * decrypted here; {@link #toString()} prints identity only.
 */
final class TransportOptions {

    static final String BROKER_URL = "broker-url";
    static final String ACCOUNT_NAME = "topic.context.account-name";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String CLIENT_ID = "client-id";
    static final String KEEP_ALIVE = "keep-alive";
    static final String TIMEOUT = "timeout";
    static final String CLEAN_SESSION = "clean-session";
    static final String LWT_TOPIC = "lwt.topic";
    static final String LWT_PAYLOAD = "lwt.payload";
    static final String LWT_QOS = "lwt.qos";
    static final String LWT_RETAIN = "lwt.retain";
    static final String PERSISTENCE = "in-flight.persistence";
    static final String PROTOCOL_VERSION = "protocol-version";
    /** Read as Kura's transport reads it, though not in its metatype: the key for TLS client authentication. */
    static final String SSL_KEY_ALIAS = "ssl.certificate.alias";

    static final String DEFAULT_BROKER_URL = "mqtt://broker-url:1883/";
    static final String DEFAULT_ACCOUNT_NAME = "account-name";
    static final String DEFAULT_USERNAME = "username";
    static final String DEFAULT_PASSWORD = "password";
    static final int DEFAULT_KEEP_ALIVE = 30;
    static final int DEFAULT_TIMEOUT = 10;
    static final String DEFAULT_LWT_TOPIC = "$EDC/#account-name/#client-id/MQTT/LWT";

    private static final Logger LOG = LoggerFactory.getLogger(TransportOptions.class);

    final String pid;
    final BrokerUrl broker;
    final String accountName;
    final String username;
    final String clientId;
    private final char[] password;
    final int keepAliveSeconds;
    final int timeoutSeconds;
    final boolean cleanSession;
    final String lwtTopic;
    final String lwtPayload;
    final int lwtQos;
    final boolean lwtRetain;
    final int mqttVersion;
    final String sslKeyAlias;
    private final String problem;

    private TransportOptions(String pid, Map<String, ?> properties, char[] password, String clientId) {
        this.pid = pid;
        this.broker = BrokerUrl.parse(ConfigValues.string(properties, BROKER_URL, DEFAULT_BROKER_URL));
        this.accountName = ConfigValues.string(properties, ACCOUNT_NAME, DEFAULT_ACCOUNT_NAME);
        this.username = ConfigValues.string(properties, USERNAME, DEFAULT_USERNAME);
        this.password = password;
        this.clientId = clientId;
        this.keepAliveSeconds = ConfigValues.integer(properties, KEEP_ALIVE, DEFAULT_KEEP_ALIVE, 0, 65535);
        this.timeoutSeconds = ConfigValues.integer(properties, TIMEOUT, DEFAULT_TIMEOUT, 1, 3600);
        this.cleanSession = ConfigValues.bool(properties, CLEAN_SESSION, true);
        this.lwtTopic = ConfigValues.string(properties, LWT_TOPIC, DEFAULT_LWT_TOPIC);
        this.lwtPayload = ConfigValues.string(properties, LWT_PAYLOAD, "");
        this.lwtQos = ConfigValues.integer(properties, LWT_QOS, 0, 0, 2);
        this.lwtRetain = ConfigValues.bool(properties, LWT_RETAIN, false);
        String persistence = ConfigValues.string(properties, PERSISTENCE, "memory").toLowerCase(Locale.ROOT);
        if (!persistence.equals("memory") && !persistence.equals("file")) {
            throw new IllegalArgumentException(PERSISTENCE + " must be memory or file");
        }
        int version = ConfigValues.integer(properties, PROTOCOL_VERSION, 4, 3, 4);
        this.mqttVersion = version == 3 ? MqttConnectOptions.MQTT_VERSION_3_1 : MqttConnectOptions.MQTT_VERSION_3_1_1;
        this.sslKeyAlias = ConfigValues.string(properties, SSL_KEY_ALIAS, "");
        if (this.clientId.length() > 65535 || this.username.length() > 65535) {
            throw new IllegalArgumentException("client-id and username must be at most 65535 characters");
        }
        this.problem = null;
    }

    private TransportOptions(String pid, String problem) {
        this.pid = pid;
        this.problem = problem;
        this.broker = null;
        this.accountName = "";
        this.username = "";
        this.clientId = "";
        this.password = new char[0];
        this.keepAliveSeconds = DEFAULT_KEEP_ALIVE;
        this.timeoutSeconds = DEFAULT_TIMEOUT;
        this.cleanSession = true;
        this.lwtTopic = "";
        this.lwtPayload = "";
        this.lwtQos = 0;
        this.lwtRetain = false;
        this.mqttVersion = MqttConnectOptions.MQTT_VERSION_3_1_1;
        this.sslKeyAlias = "";
    }

    /**
     * Reads {@code properties}; never throws: an invalid configuration comes back with its {@link #problem()}.
     */
    static TransportOptions read(String pid, Map<String, ?> properties, CryptoService crypto, SystemService system) {
        char[] password = null;
        try {
            password = password(pid, properties.get(PASSWORD), crypto);
            return new TransportOptions(pid, properties, password, clientId(properties, system));
        } catch (IllegalArgumentException e) {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            LOG.warn("{}: invalid configuration, the transport will not connect until it is updated: {}", pid,
                    e.getMessage());
            return new TransportOptions(pid, e.getMessage());
        }
    }

    /**
     * Kura's ConfigurationService hands a Password attribute over encrypted with the gateway's key. As Kura's
     * transport does, a value that does not decrypt is taken as the clear password; unlike Kura, that is a
     * warning, and the value is never logged.
     */
    private static char[] password(String pid, Object value, CryptoService crypto) {
        char[] given;
        if (value == null) {
            given = DEFAULT_PASSWORD.toCharArray();
        } else if (value instanceof Password) {
            char[] chars = ((Password) value).getPassword();
            given = chars == null ? new char[0] : chars.clone();
        } else if (value instanceof char[]) {
            given = ((char[]) value).clone();
        } else {
            given = value.toString().toCharArray();
        }
        if (given.length == 0) {
            return given;
        }
        try {
            char[] clear = crypto.decryptAes(given);
            Arrays.fill(given, '\0');
            return clear == null ? new char[0] : clear;
        } catch (KuraException | RuntimeException e) {
            LOG.warn("{}: the password is not encrypted with this gateway's key ({}); using it as given", pid,
                    e.getClass().getSimpleName());
            return given;
        }
    }

    /** Kura's rule: empty means the primary MAC address without colons; {@code / + # .} become {@code -}. */
    private static String clientId(Map<String, ?> properties, SystemService system) {
        String id = ConfigValues.string(properties, CLIENT_ID, "");
        if (id.isEmpty()) {
            String mac = system.getPrimaryMacAddress();
            if (mac == null || mac.trim().isEmpty() || SystemService.UNKNOWN.equals(mac)) {
                throw new IllegalArgumentException(
                        "client-id is empty and the gateway's primary MAC address, its default, is unknown");
            }
            id = mac.trim().replace(":", "").toUpperCase(Locale.ROOT);
        }
        return id.replace('/', '-').replace('+', '-').replace('#', '-').replace('.', '-');
    }

    /** Why this configuration cannot connect, or null when it can. */
    String problem() {
        return problem;
    }

    /** A copy of the decrypted password for one CONNECT: the caller wipes it. Empty when there is none. */
    char[] password() {
        return password.clone();
    }

    /** {@code topic} with Kura's {@code #account-name} and {@code #client-id} replaced. */
    String topic(String topic) {
        return topic.replace("#account-name", accountName).replace("#client-id", clientId);
    }

    /** Kura's session id: the client id and the broker URL. */
    String sessionId() {
        return clientId + "-" + (broker == null ? "" : broker.pahoUri());
    }

    /** Wipes the password; called when these options are replaced. */
    void wipe() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "TransportOptions@" + Integer.toHexString(System.identityHashCode(this));
    }
}
