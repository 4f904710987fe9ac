package dev.kprov.sandbox.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import dev.kprov.sandbox.secret.Secret;

/**
 * The agent's settings the sandbox writes (names as in README.md, "Settings"): {@code enabled} on, the
 * provision broker and credentials, and the retry policy. Secrets are encrypted with the gateway's
 * CryptoService when written, and shown as {@code <set>}.
 */
public final class AgentSettings {

    private final Map<String, Object> plain = new LinkedHashMap<>();
    private final Map<String, Secret> secrets = new LinkedHashMap<>();

    private AgentSettings() {
    }

    /** Enabled, against {@code brokerUrl}. */
    public static AgentSettings enabled(String brokerUrl) {
        AgentSettings settings = new AgentSettings();
        settings.plain.put("enabled", Boolean.TRUE);
        settings.plain.put("provisioned", Boolean.FALSE);
        settings.plain.put("broker-url", brokerUrl);
        return settings;
    }

    /** A String, Integer or Boolean setting. */
    public AgentSettings set(String name, Object value) {
        plain.put(name, value);
        return this;
    }

    public AgentSettings set(String name, Optional<String> value) {
        value.ifPresent(v -> plain.put(name, v));
        return this;
    }

    /** A password-type setting ({@code password}, {@code activation-key}). */
    public AgentSettings secret(String name, Optional<Secret> value) {
        value.ifPresent(v -> secrets.put(name, v));
        return this;
    }

    /** Writes them as the agent's whole configuration. */
    public void write(GatewayServices services) throws GatewayException {
        Map<String, Object> properties = new LinkedHashMap<>(plain);
        for (Map.Entry<String, Secret> secret : secrets.entrySet()) {
            properties.put(secret.getKey(), services.encrypt(secret.getValue()));
        }
        services.writeAgentConfiguration(properties);
    }

    /** {@code broker-url mqtts://..., client-id ..., password <set>, ...} for a person. */
    public String describe() {
        StringJoiner text = new StringJoiner(", ");
        plain.forEach((name, value) -> {
            if (!name.equals("enabled") && !name.equals("provisioned")) {
                text.add(name + " " + value);
            }
        });
        secrets.forEach((name, value) -> text.add(name + " " + value));
        return text.toString();
    }

    @Override
    public String toString() {
        return "AgentSettings[" + describe() + "]";
    }
}
