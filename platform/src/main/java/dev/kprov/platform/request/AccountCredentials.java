package dev.kprov.platform.request;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The account-broker connection a provisioning package gives a device, read from its configuration
 * (MqttDataTransport {@code client-id}, {@code username}, {@code password}). The embedded broker admits
 * them once the package was delivered, so that it can stand in as the account broker and see the device
 * complete. {@link #toString()} never shows the password.
 */
public final class AccountCredentials {

    private final String clientId;
    private final String username;
    private final byte[] password;

    AccountCredentials(String clientId, String username, String password) {
        this.clientId = clientId;
        this.username = username;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    public String clientId() {
        return clientId;
    }

    public String username() {
        return username;
    }

    /** The password, for a broker that must be told it (Mosquitto's dynamic security). A secret: never log it. */
    public char[] password() {
        return new String(password, StandardCharsets.UTF_8).toCharArray();
    }

    /** Constant-time comparison of a CONNECT's password with this one. */
    public boolean passwordMatches(byte[] candidate) {
        return candidate != null && MessageDigest.isEqual(password, candidate);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountCredentials that && clientId.equals(that.clientId)
                && username.equals(that.username) && Arrays.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, username);
    }

    @Override
    public String toString() {
        return "AccountCredentials[client " + clientId + ", user " + username + "]";
    }
}
