package dev.kprov.platform.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

/**
 * The embedded broker's authenticator and authorizer. A CONNECT is admitted when its credentials match
 * the current {@link AdmissionTable}; a refused one is answered with return code 4 (bad user name or
 * password), which the agent treats as "no provision request yet" (PROTOCOL.md section 1). The topics a
 * client may use are fixed when it is admitted, by the identity it proved: a device whose request is
 * withdrawn while it is connected keeps its own tree, so it can still hear the 404. Called on the
 * broker's threads.
 */
public final class Admission implements IAuthenticator, IAuthorizatorPolicy {

    /** Scopes of admitted sessions are kept at least this long even when the client is not seen connected. */
    private static final Duration SESSION_GRACE = Duration.ofSeconds(60);

    /** What an admitted client proved: its user name and the topics that identity may use. */
    private record Session(String username, List<TopicScope> scopes, Instant admittedAt) {
    }

    private final AtomicReference<AdmissionTable> table;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private volatile boolean devicesWelcome;

    /**
     * Admits only the platform's own responder until {@link #welcomeDevices()}: a device let in before the
     * responder has subscribed would ask, and never hear an answer.
     */
    public Admission(AdmissionTable initial) {
        this.table = new AtomicReference<>(initial);
    }

    /** From now on, devices are admitted too (the responder is serving). */
    public void welcomeDevices() {
        devicesWelcome = true;
    }

    public AdmissionTable table() {
        return table.get();
    }

    public void update(AdmissionTable next) {
        table.set(next);
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        AdmissionTable current = table.get();
        if (!devicesWelcome && !current.isResponder(clientId, username)) {
            return false;
        }
        Optional<List<TopicScope>> scopes = current.admit(clientId, username, password);
        scopes.ifPresent(granted -> sessions.put(clientId, new Session(username, granted, Instant.now())));
        return scopes.isPresent();
    }

    /** Forgets sessions of clients no longer connected (after a grace period covering a connect in progress). */
    public void prune(Set<String> connectedClientIds) {
        Instant oldest = Instant.now().minus(SESSION_GRACE);
        sessions.entrySet().removeIf(entry -> !connectedClientIds.contains(entry.getKey())
                && entry.getValue().admittedAt().isBefore(oldest));
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        return allowed(topic, user, client);
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        return allowed(topic, user, client);
    }

    private boolean allowed(Topic topic, String user, String client) {
        Session session = client == null ? null : sessions.get(client);
        if (session == null || !session.username().equals(user)) {
            return false;
        }
        String text = topic.toString();
        for (TopicScope scope : session.scopes()) {
            if (scope.covers(text)) {
                return true;
            }
        }
        return false;
    }
}
