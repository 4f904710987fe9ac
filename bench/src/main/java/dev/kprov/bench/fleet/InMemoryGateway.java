package dev.kprov.bench.fleet;

import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.Map;

import dev.kprov.agent.apply.GatewayPort;
import dev.kprov.agent.message.Application;

/**
 * The Kura services a run uses, in memory, for one simulated gateway of the fleet: configurations and
 * their snapshots, a truststore, no application, a DataService that is connected as soon as asked, and
 * the agent's own two settings that success changes. What the agent does with them (journal, order,
 * rollback) is the agent's own code; the copies below let {@code faults} check what it left behind.
 */
final class InMemoryGateway implements GatewayPort {

    private static final String TRANSPORT = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    private static final String DATA_SERVICE = "org.eclipse.kura.data.DataService";

    private final Map<String, Map<String, Object>> configurations = new HashMap<>();
    private final Map<Long, Map<String, Map<String, Object>>> snapshots = new HashMap<>();
    private final Map<String, Certificate> truststore = new HashMap<>();
    /** The agent's own settings as a run leaves them; not in the snapshots (a rollback leaves them be). */
    private final Map<String, Object> own = new HashMap<>(Map.of("enabled", true, "provisioned", false));
    private long nextSnapshot;
    private boolean provisioned;
    private int markedProvisioned;
    private int rollbacks;

    InMemoryGateway() {
        configurations.put(TRANSPORT, new HashMap<>());
        configurations.put(DATA_SERVICE, new HashMap<>());
    }

    synchronized boolean isProvisioned() {
        return provisioned;
    }

    /** A copy of every configuration but the agent's own. */
    synchronized Map<String, Map<String, Object>> configurations() {
        Map<String, Map<String, Object>> copy = new HashMap<>();
        configurations.forEach((pid, properties) -> copy.put(pid, new HashMap<>(properties)));
        return copy;
    }

    synchronized Map<String, Certificate> truststore() {
        return new HashMap<>(truststore);
    }

    /** The agent's own {@code enabled} and {@code provisioned}. */
    synchronized Map<String, Object> ownSettings() {
        return new HashMap<>(own);
    }

    /** How many times the agent marked this gateway provisioned (step 11). */
    synchronized int markedProvisioned() {
        return markedProvisioned;
    }

    synchronized int rollbacks() {
        return rollbacks;
    }

    @Override
    public synchronized long snapshot() {
        Map<String, Map<String, Object>> copy = new HashMap<>();
        configurations.forEach((pid, properties) -> copy.put(pid, new HashMap<>(properties)));
        snapshots.put(++nextSnapshot, copy);
        return nextSnapshot;
    }

    @Override
    public synchronized void rollback(long snapshotId) {
        Map<String, Map<String, Object>> copy = snapshots.get(snapshotId);
        if (copy == null) {
            throw new IllegalArgumentException("no snapshot " + snapshotId);
        }
        rollbacks++;
        configurations.clear();
        copy.forEach((pid, properties) -> configurations.put(pid, new HashMap<>(properties)));
    }

    @Override
    public synchronized boolean isConfigurable(String pid) {
        return configurations.containsKey(pid);
    }

    @Override
    public synchronized boolean exists(String pid) {
        return configurations.containsKey(pid);
    }

    @Override
    public synchronized void update(String pid, Map<String, Object> properties) {
        configurations.computeIfAbsent(pid, p -> new HashMap<>()).putAll(properties);
    }

    @Override
    public synchronized void createFactory(String factoryPid, String pid, Map<String, Object> properties) {
        configurations.put(pid, new HashMap<>(properties));
    }

    @Override
    public synchronized void deleteFactory(String pid) {
        configurations.remove(pid);
    }

    @Override
    public synchronized Certificate trusted(String alias) {
        return truststore.get(alias);
    }

    @Override
    public synchronized void trust(String alias, Certificate certificate) {
        truststore.put(alias, certificate);
    }

    @Override
    public synchronized void untrust(String alias) {
        truststore.remove(alias);
    }

    @Override
    public String installedVersion(String name) {
        return null;
    }

    @Override
    public void install(Application application, Done done) {
        done.completed("the fleet's gateways install no application");
    }

    @Override
    public void uninstall(String name, Done done) {
        done.completed(null);
    }

    @Override
    public void connectAccount(Done done) {
        done.completed(null);
    }

    @Override
    public String accountProblem() {
        return null;
    }

    @Override
    public synchronized void markProvisioned() {
        provisioned = true;
        markedProvisioned++;
        own.put("enabled", false);
        own.put("provisioned", true);
    }
}
