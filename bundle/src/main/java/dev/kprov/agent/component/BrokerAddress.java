package dev.kprov.agent.component;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The provision broker's address, from the {@code broker-url} setting (PROTOCOL.md section 1):
 * {@code mqtts://} and {@code ssl://} mean TLS (default port 8883), {@code mqtt://} and {@code tcp://}
 * plain TCP (default port 1883).
 */
public final class BrokerAddress {

    static final String SETTING = "broker-url";
    /** The host of the default value: a placeholder, as in Kura's own MQTT transport. */
    static final String PLACEHOLDER_HOST = "broker-url";
    private static final int MAX_LENGTH = 1024;

    private final boolean tls;
    private final String host;
    private final int port;

    private BrokerAddress(boolean tls, String host, int port) {
        this.tls = tls;
        this.host = host;
        this.port = port;
    }

    static BrokerAddress parse(String url) throws InvalidSettingException {
        String text = url.trim();
        if (text.isEmpty()) {
            throw new InvalidSettingException(SETTING, "is empty; enter the provision broker's address, "
                    + "for example mqtts://provision.example.com:8883");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSettingException(SETTING, "is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(SETTING, "is not a URL (" + e.getReason() + ")");
        }
        // Checked first, and the URL never quoted after it: user info may hold a password.
        if (uri.getRawUserInfo() != null) {
            throw new InvalidSettingException(SETTING,
                    "may not hold a user name or password; use the username and password settings");
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
            throw new InvalidSettingException(SETTING, "must start with mqtts://, ssl://, mqtt:// or tcp:// (is '"
                    + text + "')");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidSettingException(SETTING, "names no host (is '" + text + "')");
        }
        if (host.equalsIgnoreCase(PLACEHOLDER_HOST)) {
            throw new InvalidSettingException(SETTING, "is still the placeholder '" + text
                    + "'; enter the provision broker's address");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettingException(SETTING, "may hold only scheme, host and port (is '" + text + "')");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new InvalidSettingException(SETTING, "may hold only scheme, host and port (is '" + text + "')");
        }
        int port = uri.getPort();
        if (port == -1) {
            port = tls ? 8883 : 1883;
        } else if (port < 1 || port > 65535) {
            throw new InvalidSettingException(SETTING, "port must be between 1 and 65535 (is " + port + ")");
        }
        return new BrokerAddress(tls, host, port);
    }

    public boolean tls() {
        return tls;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The URI in the form Paho takes: {@code ssl://host:port} or {@code tcp://host:port}. */
    public String pahoUri() {
        return (tls ? "ssl://" : "tcp://") + host + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "mqtts://" : "mqtt://") + host + ":" + port;
    }
}
