package dev.kprov.agent.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.data.DataService;
import org.eclipse.kura.data.listener.DataServiceListener;
import org.eclipse.kura.deployment.agent.DeploymentAgentService;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.event.Event;

import dev.kprov.agent.apply.GatewayPort;
import dev.kprov.agent.message.Application;

/**
 * The apply port over the gateway's Kura services. Application installs complete through the deployment
 * agent's events, which the component forwards to {@link #onDeploymentEvent(Event)}; the account
 * connection through a DataService listener.
 */
final class KuraGateway implements GatewayPort {

    private final Supplier<ConfigurationService> configurationService;
    private final GatewayServices services;
    private final Supplier<DeploymentAgentService> deploymentAgent;
    private final Supplier<DeploymentAdmin> deploymentAdmin;
    private final Supplier<DataService> dataService;
    private final Path applicationFiles;
    private final Map<String, Done> installing = new ConcurrentHashMap<>();
    private final Map<String, Done> uninstalling = new ConcurrentHashMap<>();
    private volatile String accountProblem;
    /** Whether the account connection was up when the run began (step 5): then only a new one counts. */
    private volatile boolean connectedBeforeRun;

    KuraGateway(Supplier<ConfigurationService> configuration, GatewayServices services,
            Supplier<DeploymentAgentService> deploymentAgent, Supplier<DeploymentAdmin> deploymentAdmin,
            Supplier<DataService> dataService, Path applicationFiles) {
        this.configurationService = configuration;
        this.services = services;
        this.deploymentAgent = deploymentAgent;
        this.deploymentAdmin = deploymentAdmin;
        this.dataService = dataService;
        this.applicationFiles = applicationFiles;
    }

    private ConfigurationService configuration() {
        ConfigurationService service = configurationService.get();
        if (service == null) {
            throw new IllegalStateException("no configuration service on this gateway");
        }
        return service;
    }

    @Override
    public long snapshot() throws Exception {
        DataService service = dataService.get();
        connectedBeforeRun = service != null && service.isConnected();
        return configuration().snapshot();
    }

    /** Every configuration but the agent's own (OwnSettings says why). */
    @Override
    public void rollback(long snapshotId) throws Exception {
        OwnSettings.rollbackKeepingOwn(configuration(), snapshotId);
    }

    @Override
    public boolean isConfigurable(String pid) {
        return configuration().getConfigurableComponentPids().contains(pid);
    }

    @Override
    public boolean exists(String pid) {
        return isConfigurable(pid);
    }

    @Override
    public void update(String pid, Map<String, Object> properties) throws Exception {
        configuration().updateConfiguration(pid, new HashMap<>(properties), false);
    }

    @Override
    public void createFactory(String factoryPid, String pid, Map<String, Object> properties) throws Exception {
        configuration().createFactoryConfiguration(factoryPid, pid, new HashMap<>(properties), false);
    }

    @Override
    public void deleteFactory(String pid) throws Exception {
        configuration().deleteFactoryConfiguration(pid, false);
    }

    @Override
    public Certificate trusted(String alias) throws Exception {
        KeyStore.Entry entry = keystore().getEntry(alias);
        return entry instanceof KeyStore.TrustedCertificateEntry
                ? ((KeyStore.TrustedCertificateEntry) entry).getTrustedCertificate()
                : null;
    }

    @Override
    public void trust(String alias, Certificate certificate) throws Exception {
        keystore().setEntry(alias, new KeyStore.TrustedCertificateEntry(certificate));
    }

    @Override
    public void untrust(String alias) throws Exception {
        keystore().deleteEntry(alias);
    }

    private KeystoreService keystore() {
        return services.keystore();
    }

    @Override
    public String installedVersion(String name) {
        DeploymentAdmin admin = deploymentAdmin.get();
        DeploymentPackage installed = admin == null ? null : admin.getDeploymentPackage(name);
        return installed == null ? null : installed.getVersion().toString();
    }

    @Override
    public void install(Application application, Done done) {
        DeploymentAgentService agent = deploymentAgent.get();
        if (agent == null) {
            done.completed("no deployment agent service on this gateway");
            return;
        }
        try {
            Files.createDirectories(applicationFiles);
            Path file = applicationFiles.resolve(application.name() + "_" + application.version() + ".dp");
            Files.write(file, application.content());
            String url = file.toUri().toString();
            installing.put(url, failure -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // the deployment agent keeps its own copy; a leftover file is harmless
                }
                done.completed(failure);
            });
            agent.installDeploymentPackageAsync(url);
        } catch (Exception e) {
            done.completed(e.getMessage());
        }
    }

    @Override
    public void uninstall(String name, Done done) {
        DeploymentAgentService agent = deploymentAgent.get();
        if (agent == null) {
            done.completed("no deployment agent service on this gateway");
            return;
        }
        uninstalling.put(name, done);
        try {
            agent.uninstallDeploymentPackageAsync(name);
        } catch (Exception e) {
            uninstalling.remove(name);
            done.completed(e.getMessage());
        }
    }

    /** The deployment agent's INSTALLED and UNINSTALLED events (see the component's event topics). */
    void onDeploymentEvent(Event event) {
        boolean installed = event.getTopic().equals(DeploymentAgentService.EVENT_INSTALLED_TOPIC);
        Map<String, Done> waiting = installed ? installing : uninstalling;
        String key = (String) event.getProperty(installed ? DeploymentAgentService.EVENT_PACKAGE_URL
                : DeploymentAgentService.EVENT_PACKAGE_NAME);
        Done done = key == null ? null : waiting.remove(key);
        if (done == null) {
            return;
        }
        if (Boolean.TRUE.equals(event.getProperty(DeploymentAgentService.EVENT_SUCCESSFUL))) {
            done.completed(null);
        } else {
            Object failure = event.getProperty(DeploymentAgentService.EVENT_EXCEPTION);
            done.completed(failure instanceof Throwable ? String.valueOf(((Throwable) failure).getMessage())
                    : "the deployment agent reports a failure");
        }
    }

    @Override
    public void connectAccount(Done done) {
        DataService service = dataService.get();
        if (service == null) {
            done.completed("no data service matches the setting 'DataService.target'");
            return;
        }
        accountProblem = null;
        AtomicBoolean reported = new AtomicBoolean();
        DataServiceListener listener = new AccountListener(service, reported, done, this);
        service.addDataServiceListener(listener);
        if (service.isConnected() && !connectedBeforeRun) {
            // A gateway being reprovisioned is still on its former account: wait for the new connection.
            listener.onConnectionEstablished();
        } else if (!service.isAutoConnectEnabled()) {
            // DataService.connect() blocks for the whole MQTT connect: never on the owner thread. A failure
            // is not final: the new settings may not have reached the data service yet (the run's deadline
            // decides, and the data service may still connect by itself once they have).
            Thread connecting = new Thread(() -> {
                try {
                    service.connect();
                } catch (KuraConnectException e) {
                    accountProblem = e.getMessage();
                }
            }, "kprov-account-connect");
            connecting.setDaemon(true);
            connecting.start();
        }
    }

    @Override
    public String accountProblem() {
        return accountProblem;
    }

    @Override
    public void markProvisioned() throws Exception {
        Map<String, Object> own = new HashMap<>();
        own.put("enabled", false);
        own.put("provisioned", true);
        configuration().updateConfiguration(ProvisioningService.PID, own, false);
    }

    /** Reports the first connection to the account broker once, then stops listening. */
    private static final class AccountListener implements DataServiceListener {
        private final DataService service;
        private final AtomicBoolean reported;
        private final Done done;
        private final KuraGateway gateway;

        AccountListener(DataService service, AtomicBoolean reported, Done done, KuraGateway gateway) {
            this.service = service;
            this.reported = reported;
            this.done = done;
            this.gateway = gateway;
        }

        @Override
        public void onConnectionEstablished() {
            if (reported.compareAndSet(false, true)) {
                service.removeDataServiceListener(this);
                done.completed(null);
            }
        }

        @Override
        public void onDisconnecting() {
            // waiting for a connection
        }

        @Override
        public void onDisconnected() {
            // waiting for a connection
        }

        @Override
        public void onConnectionLost(Throwable cause) {
            // DataService retries by itself; the run's deadline decides
            gateway.accountProblem = cause == null ? "connection lost" : String.valueOf(cause.getMessage());
        }

        @Override
        public void onMessageArrived(String topic, byte[] payload, int qos, boolean retained) {
            // not used
        }

        @Override
        public void onMessagePublished(int messageId, String topic) {
            // not used
        }

        @Override
        public void onMessageConfirmed(int messageId, String topic) {
            // not used
        }
    }
}
