package dev.kprov.platform.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.BiConsumer;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.platform.pki.BrokerIdentity;
import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The embedded MQTT broker (Moquette 0.17): TLS on a port chosen at run time unless given, an optional
 * plain-TCP port, admission and topic confinement by {@link Admission}. Nothing is persisted, nothing is
 * sent anywhere (telemetry off).
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** A reply may be 16 MiB on the wire (PROTOCOL.md section 7), plus the MQTT header and topic. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024 + 64 * 1024;
    private static final int BIND_ATTEMPTS = 5;

    private final Server server;
    private final String host;
    private final int tlsPort;
    private final OptionalInt plainPort;
    private boolean closed;

    private EmbeddedBroker(Server server, String host, int tlsPort, OptionalInt plainPort) {
        this.server = server;
        this.host = host;
        this.tlsPort = tlsPort;
        this.plainPort = plainPort;
    }

    /**
     * @param tlsPort 0 to choose a free port
     * @param plainPort empty for no plain TCP, 0 to choose a free port
     * @param connected told {@code (client id, user name)} of every accepted CONNECT, on a broker thread
     */
    public static EmbeddedBroker start(String host, int tlsPort, OptionalInt plainPort, BrokerIdentity identity,
            Admission admission, BiConsumer<String, String> connected) throws IOException, GeneralSecurityException {
        SslContext sslContext;
        try {
            sslContext = SslContextBuilder.forServer(identity.keyManagers()).sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException e) {
            throw new GeneralSecurityException("cannot set up the broker's TLS: " + e.getMessage(), e);
        }
        ISslContextCreator ssl = () -> sslContext;
        // Moquette learns a port bound to 0 only asynchronously, so the platform picks free ports itself
        // and tries again with others if one was taken in between.
        IOException lastFailure = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int tls = tlsPort == 0 ? freePort(host) : tlsPort;
            OptionalInt plain = plainPort.isPresent() && plainPort.getAsInt() == 0 ? OptionalInt.of(freePort(host))
                    : plainPort;
            Server server = new Server();
            try {
                server.startServer(new MemoryConfig(properties(host, tls, plain)),
                        List.of(new ConnectWatcher(connected)), ssl, admission, admission);
                LOG.info("broker listening on {} TLS port {}{}", host, tls,
                        plain.isPresent() ? ", plain TCP port " + plain.getAsInt() : "");
                return new EmbeddedBroker(server, host, tls, plain);
            } catch (RuntimeException e) {
                // Moquette reports a port in use as a RuntimeException around the BindException.
                stopQuietly(server);
                lastFailure = new IOException("cannot start the broker on " + host + " port " + tls
                        + (plain.isPresent() ? " and " + plain.getAsInt() : "") + ": " + e.getMessage(), e);
                if (tlsPort != 0 && (plainPort.isEmpty() || plainPort.getAsInt() != 0)) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    private static Properties properties(String host, int tlsPort, OptionalInt plainPort) {
        Properties properties = new Properties();
        properties.setProperty("host", host);
        properties.setProperty("ssl_port", Integer.toString(tlsPort));
        properties.setProperty("port", plainPort.isPresent() ? Integer.toString(plainPort.getAsInt()) : "disabled");
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("allow_anonymous", "false");
        properties.setProperty("allow_zero_byte_client_id", "false");
        properties.setProperty("netty.mqtt.message_size", Integer.toString(MAX_MESSAGE_BYTES));
        return properties;
    }

    /** A port free on {@code host} right now. */
    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }


    public int tlsPort() {
        return tlsPort;
    }

    public OptionalInt plainPort() {
        return plainPort;
    }

    /** {@code mqtts://host:port}; a wildcard bind address is shown as 127.0.0.1. */
    public String tlsUrl() {
        return "mqtts://" + urlHost() + ":" + tlsPort;
    }

    /** {@code mqtt://host:port} when plain TCP is on. */
    public java.util.Optional<String> plainUrl() {
        return plainPort.isPresent() ? java.util.Optional.of("mqtt://" + urlHost() + ":" + plainPort.getAsInt())
                : java.util.Optional.empty();
    }

    /** The client ids connected now. */
    public java.util.Set<String> connectedClientIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        server.listConnectedClients().forEach(client -> ids.add(client.getClientID()));
        return ids;
    }

    private String urlHost() {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly(server);
        LOG.info("broker stopped");
    }

    private static void stopQuietly(Server server) {
        try {
            server.stopServer();
        } catch (RuntimeException e) {
            LOG.warn("the broker did not stop cleanly: {}", e.toString());
            LOG.debug("broker stop failure", e);
        }
    }

    /** Tells the platform of each accepted CONNECT. */
    private static final class ConnectWatcher extends AbstractInterceptHandler {

        private final BiConsumer<String, String> connected;

        ConnectWatcher(BiConsumer<String, String> connected) {
            this.connected = connected;
        }

        @Override
        public String getID() {
            return "kprov-connect-watcher";
        }

        @Override
        public Class<?>[] getInterceptedMessageTypes() {
            return new Class<?>[] {InterceptConnectMessage.class};
        }

        @Override
        public void onConnect(InterceptConnectMessage message) {
            connected.accept(message.getClientID(), message.getUsername());
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            LOG.warn("broker session loop error: {}", error.toString());
            LOG.debug("broker session loop error", error);
        }
    }
}
