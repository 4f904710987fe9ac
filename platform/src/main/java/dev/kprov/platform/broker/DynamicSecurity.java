package dev.kprov.platform.broker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.platform.request.AccountCredentials;
import dev.kprov.platform.request.ProvisionRequestSpec;

/**
 * Admission on a Mosquitto broker through its dynamic-security plugin: the platform's counterpart of
 * {@link Admission} for a broker it does not run. For each open provision request it keeps, in Mosquitto,
 * a role {@code kprov-{account}-req-{client-id}} allowed to publish, receive and subscribe under
 * {@code $EDC/{account}/{client-id}/#}, and a client with the request's user name, password and client id
 * holding that role; for each delivered account connection, a role {@code kprov-{account}-acct-{client-id}}
 * on {@code $EDC/{account.name}/{client-id}/#} and {@code {account.name}/{client-id}/#} and a client with
 * the account credentials. What is no longer wanted is deleted. Changes go out as commands on the
 * platform's own administrative session ({@link ControlSession}); a failed command is logged with its name
 * and client id, never its password.
 *
 * <p>At start it makes the responder's own client and clears what an earlier run of the same account left
 * ({@link DynsecBootstrap}). It reads Mosquitto's log topic to see account-broker CONNECTs
 * ({@link ConnectLog}). Everything but {@link #start} runs on the platform's thread.
 */
public final class DynamicSecurity implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamicSecurity.class);

    /**
     * Told on the platform's thread once Mosquitto confirmed that it admits ({@code admitted}), or no longer
     * admits, user name {@code username} with client id {@code clientId}: a request's provision credentials or
     * delivered account credentials.
     */
    public interface Observer {
        void applied(String clientId, String username, boolean admitted);
    }

    private enum Kind {
        REQUEST("req"), ACCOUNT("acct");

        final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    /** A client Mosquitto should have. {@link #toString()} shows no password. */
    private record Grant(Kind kind, String clientId, String username, String password, List<String> filters) {
        @Override
        public String toString() {
            return "Grant[" + kind + " " + clientId + ", user " + username + "]";
        }
    }

    private final String account;
    private final String rolePrefix;
    private final String marker;
    private final Map<String, Grant> desired = new LinkedHashMap<>();
    private final Map<String, Grant> applied = new HashMap<>();
    private volatile Map<String, AdmissionTable.Account> accounts = Map.of();
    private final String adminUsername;
    private final DynsecBootstrap bootstrap;
    private ControlSession session;
    private DynsecChannel channel;
    private Observer observer = (clientId, username, admitted) -> { };
    private BiConsumer<String, String> connected = (clientId, username) -> { };
    private boolean ready;

    private DynamicSecurity(String account, String adminUsername) {
        this.account = account;
        this.adminUsername = adminUsername;
        this.rolePrefix = "kprov-" + account + "-";
        this.marker = "kprov:" + account + ":";
        List<String> deviceRoles = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            deviceRoles.add(rolePrefix + kind.tag + "-");
        }
        this.bootstrap = new DynsecBootstrap(account, rolePrefix, marker, deviceRoles);
    }

    /**
     * Not connected yet: {@link #update} only records what is wanted until {@link #start}.
     *
     * @param adminUsername the user the platform connects as: never given to a device
     */
    public static DynamicSecurity create(String provisionAccount, String adminUsername) {
        return new DynamicSecurity(provisionAccount, adminUsername);
    }

    /**
     * Connects as a dynamic-security administrator, makes the responder's client ({@link DynsecBootstrap}),
     * clears what an earlier run left, and applies what {@link #update} asked for. Called once, not on the platform's thread.
     *
     * @param url {@code mqtts://host:port} (or {@code ssl://}, {@code mqtt://}, {@code tcp://})
     * @param sslContext trust for TLS; {@code null} for the JVM's
     * @param connected told {@code (client id, user name)} of every CONNECT Mosquitto logs, on the platform's thread
     * @throws IOException naming what failed: no connection, no answer on the control topic, a refused command
     */
    public void start(String url, String clientId, char[] password, javax.net.ssl.SSLContext sslContext,
            ScheduledExecutorService owner, Observer changes, BiConsumer<String, String> connects, long timeoutMs)
            throws IOException {
        String username = adminUsername;
        try {
            session = ControlSession.create(new ControlSession.Target(url, clientId, username, password, sslContext, true),
                    owner, new Inbox(), timeoutMs);
            session.start(timeoutMs);
            channel = new DynsecChannel(session);
        } catch (MqttException e) {
            throw new IOException("dynamic security: cannot connect to " + url + " as " + username + ": " + e
                    + " (reason code " + e.getReasonCode() + ")", e);
        }
        try {
            CompletableFuture<List<String>> stale = owner.submit(() -> bootstrap.send(channel))
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
            List<String> leftovers = stale.get(timeoutMs, TimeUnit.MILLISECONDS);
            owner.submit(() -> {
                observer = changes;
                connected = connects;
                bootstrap.removeLeftovers(channel, leftovers);
            }).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw new IOException("dynamic security: no answer on " + DynsecCommands.RESPONSE_TOPIC + " within "
                    + timeoutMs + " ms: is Mosquitto's dynamic-security plugin loaded, and is " + username
                    + " one of its administrators?", e);
        } catch (ExecutionException e) {
            close();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while starting dynamic security", e);
        }
        if (!session.hearsConnects()) {
            LOG.warn("dynamic security: {} may not read {}: the platform cannot see devices reach their account "
                    + "broker, mark their jobs completed through the API", username, ConnectLog.TOPIC);
        }
        LOG.info("dynamic security: admitting devices on {} as {}", url, username);
    }

    /**
     * From now on Mosquitto is kept in step with the requests: devices are admitted. Called once the responder
     * serves, since a device let in before it has subscribed would ask and never hear an answer. On the
     * platform's thread.
     */
    public void welcomeDevices() {
        ready = true;
        sync(false);
    }

    /** The user the responder connects as (made at {@link #start}; any client id). */
    public String responderUsername() {
        return bootstrap.responderUsername();
    }

    /** Its password (a copy), random for each run. */
    public char[] responderPassword() {
        return bootstrap.responderPassword();
    }

    /**
     * What Mosquitto should admit now: the open provision requests by client id, and the delivered account
     * connections by their client id. On the platform's thread.
     */
    public void update(Map<String, ProvisionRequestSpec> openRequests, Map<String, AdmissionTable.Account> deliveredAccounts) {
        accounts = Map.copyOf(deliveredAccounts);
        desired.clear();
        for (ProvisionRequestSpec request : openRequests.values()) {
            want(new Grant(Kind.REQUEST, request.clientId(), request.username(), new String(request.password()),
                    List.of("$EDC/" + account + "/" + request.clientId() + "/#")));
        }
        for (AdmissionTable.Account delivered : deliveredAccounts.values()) {
            AccountCredentials credentials = delivered.credentials();
            want(new Grant(Kind.ACCOUNT, credentials.clientId(), credentials.username(), new String(credentials.password()),
                    List.of("$EDC/" + delivered.accountName() + "/" + credentials.clientId() + "/#",
                            delivered.accountName() + "/" + credentials.clientId() + "/#")));
        }
        if (ready) {
            sync(false);
        }
    }

    private void want(Grant grant) {
        if (grant.username().equals(adminUsername) || grant.username().equals(bootstrap.responderUsername())) {
            LOG.warn("dynamic security: {} {} uses the platform's own user name {}: not admitted", grant.kind(),
                    grant.clientId(), grant.username());
        } else if (desired.containsKey(grant.username())) {
            LOG.warn("dynamic security: {} {} uses user name {} already taken by {} {}: not admitted", grant.kind(),
                    grant.clientId(), grant.username(), desired.get(grant.username()).kind(),
                    desired.get(grant.username()).clientId());
        } else {
            desired.put(grant.username(), grant);
        }
    }

    /** The account connection a client that connected used, if it is a delivered one. */
    public Optional<AdmissionTable.Account> accountSession(String clientId, String username) {
        AdmissionTable.Account delivered = accounts.get(clientId);
        return delivered != null && delivered.credentials().username().equals(username) ? Optional.of(delivered)
                : Optional.empty();
    }

    /**
     * Sends what it takes to make Mosquitto's clients those desired: removals first, then creations
     * ({@code again}: every desired client, after the session was lost and its answers with it).
     */
    private void sync(boolean again) {
        DynsecCommands.Batch batch = batch();
        for (Grant grant : new ArrayList<>(applied.values())) {
            if (!grant.equals(desired.get(grant.username()))) {
                applied.remove(grant.username());
                String role = role(grant);
                batch.deleteClient(grant.username(), grant.clientId(), answer -> {
                    if (answer.error().isEmpty() || answer.notFound()) {
                        LOG.info("dynamic security: {} {} removed", grant.kind(), grant.clientId());
                        observer.applied(grant.clientId(), grant.username(), false);
                    }
                });
                batch.deleteRole(role, grant.clientId());
            }
        }
        for (Grant grant : desired.values()) {
            if (again || !applied.containsKey(grant.username())) {
                applied.put(grant.username(), grant);
                create(batch, grant);
            }
        }
        send(batch);
    }

    /** Delete first, so that a leftover with the same name never makes the creation fail. */
    private void create(DynsecCommands.Batch batch, Grant grant) {
        String role = role(grant);
        batch.deleteClient(grant.username(), grant.clientId(), ignored -> { });
        batch.deleteRole(role, grant.clientId());
        batch.createRole(role, marker + grant.kind().tag + ":" + grant.clientId(), grant.filters(), grant.clientId(),
                ignored -> { });
        char[] password = grant.password().toCharArray();
        batch.createClient(grant.username(), password, grant.clientId(), marker + grant.kind().tag + ":"
                + grant.clientId(), role, grant.clientId(), answer -> {
                    if (answer.error().isPresent()) {
                        // Tried again at the next change.
                        applied.remove(grant.username(), grant);
                        return;
                    }
                    LOG.info("dynamic security: {} {} admitted as user {}", grant.kind(), grant.clientId(),
                            grant.username());
                    observer.applied(grant.clientId(), grant.username(), true);
                });
        java.util.Arrays.fill(password, '\0');
    }

    private String role(Grant grant) {
        return rolePrefix + grant.kind().tag + "-" + grant.clientId();
    }

    private DynsecCommands.Batch batch() {
        return channel.batch();
    }

    private void send(DynsecCommands.Batch batch) {
        channel.send(batch);
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }

    @Override
    public String toString() {
        return "DynamicSecurity[account " + account + "]";
    }

    /** What the session hears, on the platform's thread. */
    private final class Inbox implements ControlSession.Inbox {

        @Override
        public void response(byte[] payload) {
            channel.answer(payload);
        }

        @Override
        public void log(String line) {
            ConnectLog.parse(line).ifPresent(connect -> connected.accept(connect.clientId(), connect.username()));
        }

        @Override
        public void reconnected() {
            channel.forget();
            if (ready) {
                sync(true);
            }
        }
    }
}
