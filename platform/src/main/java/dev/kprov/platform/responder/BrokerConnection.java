package dev.kprov.platform.responder;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLContext;

/**
 * Where and how the responder connects: a broker URL of PROTOCOL.md section 1 ({@code mqtts://} or
 * {@code ssl://} for TLS, default port 8883; {@code mqtt://} or {@code tcp://} for plain TCP, default
 * port 1883), credentials, and for TLS the trust to use. {@link #toString()} never shows the password.
 */
public final class BrokerConnection {

    private final String url;
    private final String pahoUri;
    private final boolean tls;
    private final String clientId;
    private final String username;
    private final char[] password;
    private final SSLContext sslContext;
    private final boolean verifyHostname;

    private BrokerConnection(String url, String pahoUri, boolean tls, String clientId, String username,
            char[] password, SSLContext sslContext, boolean verifyHostname) {
        this.url = url;
        this.pahoUri = pahoUri;
        this.tls = tls;
        this.clientId = clientId;
        this.username = username;
        this.password = password.clone();
        this.sslContext = sslContext;
        this.verifyHostname = verifyHostname;
    }

    /**
     * @param sslContext the trust for TLS; {@code null} for the JVM's default trust anchors
     * @throws IllegalArgumentException for a URL that is not one of the four schemes, or has no host
     */
    public static BrokerConnection of(String url, String clientId, String username, char[] password,
            SSLContext sslContext) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker URL '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls;
        switch (scheme) {
            case "mqtts":
            case "ssl":
                tls = true;
                break;
            case "mqtt":
            case "tcp":
                tls = false;
                break;
            default:
                throw new IllegalArgumentException("broker URL '" + url + "': scheme must be mqtts, ssl, mqtt or tcp");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("broker URL '" + url + "' has no host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost();
        String pahoUri = (tls ? "ssl://" : "tcp://") + host + ":" + port;
        return new BrokerConnection(url.trim(), pahoUri, tls, clientId, username, password, sslContext, true);
    }

    /**
     * The same connection without host name verification: only for a trust store that pins the server's
     * own certificate, as the platform's responder does with its embedded broker.
     */
    public BrokerConnection withoutHostnameVerification() {
        return new BrokerConnection(url, pahoUri, tls, clientId, username, password, sslContext, false);
    }

    boolean verifyHostname() {
        return verifyHostname;
    }

    public String url() {
        return url;
    }

    String pahoUri() {
        return pahoUri;
    }

    public boolean isTls() {
        return tls;
    }

    String clientId() {
        return clientId;
    }

    String username() {
        return username;
    }

    char[] password() {
        return password.clone();
    }

    Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    @Override
    public String toString() {
        return "BrokerConnection[" + url + ", client " + clientId + ", user " + username + "]";
    }
}
