package dev.kprov.emulator.data;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import dev.kprov.emulator.testing.TestPki;
import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.PermitAllAuthorizatorPolicy;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * A Moquette 0.17 broker on 127.0.0.1, plain TCP or TLS, that admits the given users only. Its port is
 * chosen at run time (Moquette learns a port bound to 0 only asynchronously, so a free one is picked first)
 * and kept across {@link #stop()} and {@link #start()}. Nothing is persisted, nothing sent anywhere.
 */
final class TestBroker implements AutoCloseable {

    private static final long WAIT_SECONDS = 20;

    private final int port;
    private final Map<String, String> users;
    private final TestPki.Issued identity;
    private final X509Certificate[] chain;
    private final BlockingQueue<String> connects = new LinkedBlockingQueue<>();
    private Server server;

    private TestBroker(int port, Map<String, String> users, TestPki.Issued identity, X509Certificate[] chain) {
        this.port = port;
        this.users = Map.copyOf(users);
        this.identity = identity;
        this.chain = chain;
    }

    /** A plain TCP broker on a free port. */
    static TestBroker plain(Map<String, String> users) throws IOException {
        return startOnFreePort(users, null, null);
    }

    /** A TLS broker on a free port, presenting {@code identity} with its {@code chain}. */
    static TestBroker tls(Map<String, String> users, TestPki.Issued identity, X509Certificate... chain)
            throws IOException {
        return startOnFreePort(users, identity, chain);
    }

    /** A plain TCP broker on {@code port}, which the test chose and kept free. */
    static TestBroker plainOn(int port, Map<String, String> users) throws IOException {
        TestBroker broker = new TestBroker(port, users, null, null);
        broker.start();
        return broker;
    }

    private static TestBroker startOnFreePort(Map<String, String> users, TestPki.Issued identity,
            X509Certificate[] chain) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            TestBroker broker = new TestBroker(freePort(), users, identity, chain);
            try {
                broker.start();
                return broker;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A port free on 127.0.0.1 right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty(identity == null ? "port" : "ssl_port", Integer.toString(port));
        if (identity != null) {
            properties.setProperty("port", "disabled");
        }
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("allow_anonymous", "false");
        properties.setProperty("allow_zero_byte_client_id", "false");
        IAuthenticator authenticator = (clientId, username, password) -> username != null && password != null
                && new String(password, StandardCharsets.UTF_8).equals(users.get(username));
        Server started = new Server();
        try {
            started.startServer(new MemoryConfig(properties), List.of(new ConnectWatcher(connects)), sslContext(),
                    authenticator, new PermitAllAuthorizatorPolicy());
        } catch (RuntimeException e) {
            try {
                started.stopServer();
            } catch (RuntimeException ignored) {
                // it did not start
            }
            throw new IOException("the broker did not start on port " + port + ": " + e.getMessage(), e);
        }
        server = started;
    }

    private ISslContextCreator sslContext() throws IOException {
        if (identity == null) {
            return null;
        }
        try {
            SslContext context = SslContextBuilder.forServer(identity.keyPair.getPrivate(), chain)
                    .sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2").build();
            return () -> context;
        } catch (SSLException e) {
            throw new IOException("cannot set up the broker's TLS", e);
        }
    }

    /** Stops the broker, dropping every connection; {@link #start()} brings it back on the same port. */
    synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    int port() {
        return port;
    }

    /** The URL the transport is given: {@code mqtt://} or {@code mqtts://} and 127.0.0.1. */
    String url() {
        return (identity == null ? "mqtt" : "mqtts") + "://127.0.0.1:" + port;
    }

    /** The next accepted CONNECT, as {@code clientId/username}. */
    String awaitConnect() throws InterruptedException {
        String connect = connects.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (connect == null) {
            throw new AssertionError("the broker on port " + port + " accepted no connection within " + WAIT_SECONDS
                    + " s");
        }
        return connect;
    }

    /** Forgets the connections accepted so far. */
    void forgetConnects() {
        connects.clear();
    }

    @Override
    public void close() {
        stop();
    }

    /** Records every accepted CONNECT. */
    private static final class ConnectWatcher extends AbstractInterceptHandler {

        private final BlockingQueue<String> connects;

        ConnectWatcher(BlockingQueue<String> connects) {
            this.connects = connects;
        }

        @Override
        public String getID() {
            return "kprov-test-connect-watcher";
        }

        @Override
        public Class<?>[] getInterceptedMessageTypes() {
            return new Class<?>[] { InterceptConnectMessage.class };
        }

        @Override
        public void onConnect(InterceptConnectMessage message) {
            connects.add(message.getClientID() + "/" + message.getUsername());
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            // a client that went away; nothing for the test
        }
    }
}
