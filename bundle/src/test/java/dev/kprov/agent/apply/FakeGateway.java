package dev.kprov.agent.apply;

import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kprov.agent.message.Application;

/**
 * A gateway in memory: configurations, snapshots, truststore and installed packages, with every call
 * recorded and any call made to fail on demand. Asynchronous calls complete when the test says so.
 */
public final class FakeGateway implements GatewayPort {

    public final List<String> calls = new ArrayList<>();
    final Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
    final Set<String> factoryInstances = new HashSet<>();
    final Map<Long, Map<String, Map<String, Object>>> snapshots = new HashMap<>();
    final Map<String, Certificate> truststore = new LinkedHashMap<>();
    final Map<String, String> installed = new LinkedHashMap<>();
    final List<Done> pendingInstalls = new ArrayList<>();
    Done pendingAccount;
    boolean provisioned;
    String failOn;
    private long nextSnapshot = 100;

    public FakeGateway withComponent(String pid) {
        configurations.put(pid, new HashMap<>());
        return this;
    }

    private void call(String what) throws Exception {
        calls.add(what);
        if (failOn != null && what.startsWith(failOn)) {
            throw new IllegalStateException("injected failure of " + what);
        }
    }

    @Override
    public long snapshot() throws Exception {
        call("snapshot");
        long id = nextSnapshot++;
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        configurations.forEach((pid, properties) -> copy.put(pid, new HashMap<>(properties)));
        snapshots.put(id, copy);
        return id;
    }

    @Override
    public void rollback(long snapshotId) throws Exception {
        call("rollback " + snapshotId);
        configurations.clear();
        snapshots.get(snapshotId).forEach((pid, properties) -> configurations.put(pid, new HashMap<>(properties)));
    }

    @Override
    public boolean isConfigurable(String pid) {
        return configurations.containsKey(pid);
    }

    @Override
    public boolean exists(String pid) {
        return configurations.containsKey(pid);
    }

    @Override
    public void update(String pid, Map<String, Object> properties) throws Exception {
        call("update " + pid);
        configurations.get(pid).putAll(properties);
    }

    @Override
    public void createFactory(String factoryPid, String pid, Map<String, Object> properties) throws Exception {
        call("createFactory " + pid);
        configurations.put(pid, new HashMap<>(properties));
        factoryInstances.add(pid);
    }

    @Override
    public void deleteFactory(String pid) throws Exception {
        call("deleteFactory " + pid);
        configurations.remove(pid);
        factoryInstances.remove(pid);
    }

    @Override
    public Certificate trusted(String alias) {
        return truststore.get(alias);
    }

    @Override
    public void trust(String alias, Certificate certificate) throws Exception {
        call("trust " + alias);
        truststore.put(alias, certificate);
    }

    @Override
    public void untrust(String alias) throws Exception {
        call("untrust " + alias);
        truststore.remove(alias);
    }

    @Override
    public String installedVersion(String name) {
        return installed.get(name);
    }

    @Override
    public void install(Application application, Done done) {
        calls.add("install " + application.name());
        pendingInstalls.add(failure -> {
            if (failure == null) {
                installed.put(application.name(), application.version());
            }
            done.completed(failure);
        });
    }

    @Override
    public void uninstall(String name, Done done) {
        calls.add("uninstall " + name);
        installed.remove(name);
        done.completed(null);
    }

    @Override
    public void connectAccount(Done done) {
        calls.add("connectAccount");
        pendingAccount = done;
    }

    String accountProblem;

    @Override
    public String accountProblem() {
        return accountProblem;
    }

    @Override
    public void markProvisioned() throws Exception {
        call("markProvisioned");
        provisioned = true;
    }

    /** The state a person would compare before and after a run. */
    public String state() {
        return configurations + " " + factoryInstances + " " + truststore.keySet() + " " + installed + " provisioned="
                + provisioned;
    }
}
