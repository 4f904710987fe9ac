package dev.kprov.agent.fsm;

import dev.kprov.agent.component.BrokerAddress;
import dev.kprov.agent.component.Secret;

/** Where and as whom a session connects. Holds the password encrypted; {@code toString} never shows it. */
public final class SessionSpec {

    private final BrokerAddress broker;
    private final String clientId;
    private final String username;
    private final Secret password;
    private final int timeoutSeconds;

    public SessionSpec(BrokerAddress broker, String clientId, String username, Secret password, int timeoutSeconds) {
        this.broker = broker;
        this.clientId = clientId;
        this.username = username;
        this.password = password;
        this.timeoutSeconds = timeoutSeconds;
    }

    public BrokerAddress broker() {
        return broker;
    }

    public String clientId() {
        return clientId;
    }

    public String username() {
        return username;
    }

    public Secret password() {
        return password;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    @Override
    public String toString() {
        return clientId + "@" + broker;
    }
}
