package dev.kprov.emulator.data.transport;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The metatype of the MQTT transport, with Kura's attribute ids, types and defaults (its
 * {@code OSGI-INF/metatype/org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport.xml}). Method names
 * map to ids: {@code $_$} is {@code -}, {@code _} is {@code .}.
 */
@ObjectClassDefinition(id = MqttDataTransport.PID, name = "MqttDataTransport",
        description = "The MQTT connection of the gateway's cloud connection (emulated): broker, credentials and "
                + "session settings. The DataService connects and disconnects it.")
@interface MqttDataTransportConfig {

    @AttributeDefinition(name = "Broker URL",
            description = "URL of the MQTT broker: mqtt://host:1883 or tcp://host:1883 for plain TCP, "
                    + "mqtts://host:8883 or ssl://host:8883 for TLS through the SslManagerService, with the "
                    + "server's host name verified; ws:// and wss:// for MQTT over WebSocket.")
    String broker$_$url() default TransportOptions.DEFAULT_BROKER_URL;

    @AttributeDefinition(name = "Topic Context Account-Name", required = false,
            description = "The account name, which replaces #account-name in topics.")
    String topic_context_account$_$name() default TransportOptions.DEFAULT_ACCOUNT_NAME;

    @AttributeDefinition(name = "Username", required = false,
            description = "User name sent in the MQTT CONNECT; empty sends none.")
    String username() default TransportOptions.DEFAULT_USERNAME;

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "Password sent in the MQTT CONNECT; empty sends none.")
    String password() default TransportOptions.DEFAULT_PASSWORD;

    @AttributeDefinition(name = "Client-ID", required = false,
            description = "MQTT client id. Empty: the gateway's primary MAC address without colons. The characters "
                    + "/ + # . become -.")
    String client$_$id() default "";

    @AttributeDefinition(name = "Keep-Alive", min = "0", max = "65535",
            description = "Seconds between keep-alive PINGREQs when nothing else is sent; 0 turns them off.")
    int keep$_$alive() default TransportOptions.DEFAULT_KEEP_ALIVE;

    @AttributeDefinition(name = "Timeout", min = "1", max = "3600",
            description = "Seconds to wait for the broker: for the connection to be accepted, and for a "
                    + "subscription or a disconnection to complete.")
    int timeout() default TransportOptions.DEFAULT_TIMEOUT;

    @AttributeDefinition(name = "Clean-Session",
            description = "Ask the broker for a new session at each connection.")
    boolean clean$_$session() default true;

    @AttributeDefinition(name = "LWT Topic", required = false,
            description = "Topic of the last will message, published by the broker when the connection is lost; "
                    + "#account-name and #client-id are replaced. Empty: no last will.")
    String lwt_topic() default TransportOptions.DEFAULT_LWT_TOPIC;

    @AttributeDefinition(name = "LWT Payload", required = false,
            description = "Payload of the last will message, as UTF-8 text.")
    String lwt_payload() default "";

    @AttributeDefinition(name = "LWT Qos", required = false, options = { @Option(label = "0", value = "0"),
            @Option(label = "1", value = "1"), @Option(label = "2", value = "2") },
            description = "QoS of the last will message.")
    int lwt_qos() default 0;

    @AttributeDefinition(name = "LWT Retain", required = false,
            description = "Whether the broker retains the last will message.")
    boolean lwt_retain() default false;

    @AttributeDefinition(name = "In-flight Persistence",
            options = { @Option(label = "file", value = "file"), @Option(label = "memory", value = "memory") },
            description = "Where messages in flight are kept. The emulator keeps them in memory either way.")
    String in$_$flight_persistence() default "memory";

    @AttributeDefinition(name = "Protocol Version", required = false,
            options = { @Option(label = "3.1", value = "3"), @Option(label = "3.1.1", value = "4") },
            description = "MQTT protocol version: 4 is MQTT 3.1.1, 3 is MQTT 3.1.")
    int protocol$_$version() default 4;

    @AttributeDefinition(name = "SslManagerService Target Filter",
            description = "OSGi filter of the SslManagerService that makes the TLS connections.")
    String SslManagerService_target() default MqttDataTransport.SSL_MANAGER_TARGET;
}
