package dev.kprov.bench.fleet;

import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.Map;

import dev.kprov.agent.apply.GatewayPort;
import dev.kprov.agent.message.Application;

/**
 * The Kura services a run uses, in memory, for one simulated gateway of the fleet: configurations and
 * their snapshots, a truststore, no application, and a DataService that is connected as soon as asked.
 * What the agent does with them (journal, order, rollback) is the agent's own code.
 */
final class InMemoryGateway implements GatewayPort {

    private static final String TRANSPORT = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    private static final String DATA_SERVICE = "org.eclipse.kura.data.DataService";

    private final Map<String, Map<String, Object>> configurations = new HashMap<>();
    private final Map<Long, Map<String, Map<String, Object>>> snapshots = new HashMap<>();
    private final Map<String, Certificate> truststore = new HashMap<>();
    private long nextSnapshot;
    private boolean provisioned;

    InMemoryGateway() {
        configurations.put(TRANSPORT, new HashMap<>());
        configurations.put(DATA_SERVICE, new HashMap<>());
    }

    synchronized boolean isProvisioned() {
        return provisioned;
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
    }
}
