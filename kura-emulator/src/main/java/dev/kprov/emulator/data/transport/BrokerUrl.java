package dev.kprov.emulator.data.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code broker-url} of the transport, in Kura's forms: {@code mqtt://} and {@code tcp://} are plain
 * TCP, {@code mqtts://} and {@code ssl://} TLS, {@code ws://} and {@code wss://} MQTT over WebSocket (plain
 * and TLS). As Kura does, {@code mqtt} becomes {@code tcp} and {@code mqtts} becomes {@code ssl} for Paho,
 * and one trailing {@code /} is dropped (Kura's default is {@code mqtt://broker-url:1883/}).
 */
final class BrokerUrl {

    private final String pahoUri;
    private final boolean tls;

    private BrokerUrl(String pahoUri, boolean tls) {
        this.pahoUri = pahoUri;
        this.tls = tls;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    static BrokerUrl parse(String text) {
        if (text == null || text.trim().isEmpty()) {
            throw new IllegalArgumentException("broker-url is empty");
        }
        String url = text.trim();
        if (url.endsWith("/") && url.indexOf("://") + 3 < url.length() - 1) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker-url '" + url + "' is not a URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String pahoScheme;
        boolean tls;
        boolean web = false;
        switch (scheme) {
        case "mqtt":
        case "tcp":
            pahoScheme = "tcp";
            tls = false;
            break;
        case "mqtts":
        case "ssl":
            pahoScheme = "ssl";
            tls = true;
            break;
        case "ws":
            pahoScheme = "ws";
            tls = false;
            web = true;
            break;
        case "wss":
            pahoScheme = "wss";
            tls = true;
            web = true;
            break;
        default:
            throw new IllegalArgumentException("broker-url '" + url
                    + "' must start with mqtt://, mqtts://, tcp://, ssl://, ws:// or wss://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("broker-url '" + url + "' has no host name");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "broker-url must not carry user information, a query or a fragment: give the host and port only");
        }
        if (!web && uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException("broker-url '" + url + "' must not have a path");
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw new IllegalArgumentException("broker-url '" + url + "' has an invalid port");
        }
        String authority = uri.getRawAuthority();
        String path = web && uri.getRawPath() != null ? uri.getRawPath() : "";
        return new BrokerUrl(pahoScheme + "://" + authority + path, tls);
    }

    /** The URL in Paho's form ({@code tcp://}, {@code ssl://}, {@code ws://}, {@code wss://}), as Kura reports it. */
    String pahoUri() {
        return pahoUri;
    }

    boolean tls() {
        return tls;
    }

    @Override
    public String toString() {
        return pahoUri;
    }
}
