package dev.kprov.agent.apply;

import java.security.cert.Certificate;
import java.util.Map;

import dev.kprov.agent.message.Application;

/**
 * What applying a package needs of the gateway's Kura services (PROTOCOL.md section 8, steps 5 to 11).
 * Every call is short; the two that are not (installing an application, the account connection) report
 * through a callback, from any thread. Failures are exceptions whose message a person can act on.
 */
public interface GatewayPort {

    /** A configuration snapshot, the rollback point; returns its id. */
    long snapshot() throws Exception;

    /** Puts every configuration back as it was in the snapshot, but the agent's own, which a run does not change. */
    void rollback(long snapshotId) throws Exception;

    /** True when a configurable component of this PID is on the gateway (else Kura would ignore an update). */
    boolean isConfigurable(String pid);

    /** True when a configuration of this PID exists (a factory instance to update rather than create). */
    boolean exists(String pid) throws Exception;

    void update(String pid, Map<String, Object> properties) throws Exception;

    void createFactory(String factoryPid, String pid, Map<String, Object> properties) throws Exception;

    void deleteFactory(String pid) throws Exception;

    /** The trusted certificate under this alias in the gateway's truststore, or null. */
    Certificate trusted(String alias) throws Exception;

    void trust(String alias, Certificate certificate) throws Exception;

    void untrust(String alias) throws Exception;

    /** The version of the installed deployment package of this name, or null. */
    String installedVersion(String name);

    /** Installs a deployment package; {@code done} is called once, with null on success. */
    void install(Application application, Done done);

    /** Uninstalls a deployment package; {@code done} is called once, with null on success. */
    void uninstall(String name, Done done);

    /**
     * Asks the account connection (Kura's DataService) to come up; {@code done} is called once it is
     * connected. A failed try is not final, since the new settings may still be reaching the data service:
     * the run's deadline decides, and {@link #accountProblem()} tells what was seen meanwhile.
     */
    void connectAccount(Done done);

    /** The last problem seen while connecting to the account broker, or null. */
    String accountProblem();

    /** The agent's own settings after success: enabled = false, provisioned = true. */
    void markProvisioned() throws Exception;

    /** Completion of an asynchronous step: {@code failure} is null on success. */
    @FunctionalInterface
    interface Done {
        void completed(String failure);
    }
}
