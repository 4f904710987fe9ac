package dev.kprov.emulator.deployment;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.deployment.agent.DeploymentAgentService;
import org.eclipse.kura.deployment.agent.MarketplacePackageDescriptor;
import org.eclipse.kura.ssl.SslManagerService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kura's deployment agent ({@code org.eclipse.kura.deployment.agent}) over OSGi DeploymentAdmin, as Kura
 * behaves. Each call returns at once; one worker thread ({@value #THREAD_NAME}) reads the package from its
 * {@code file:}, {@code http:} or {@code https:} URL (at most {@link AgentSettings#maxPackageBytes()}),
 * installs or upgrades it through {@link DeploymentAdmin}, keeps a copy in the packages folder and
 * records it in {@code dpa.properties} (see {@link AgentSettings} for where), then posts
 * {@link #EVENT_INSTALLED_TOPIC} through EventAdmin. Uninstall posts {@link #EVENT_UNINSTALLED_TOPIC}.
 * Every failure, an unknown package name included, is such an event with {@code successful=false} and the
 * exception, whose message names what was wrong; only a blank argument, a URL or name already queued
 * (as Kura) or a stopped agent make a call throw a {@link KuraException}. On activation, recorded packages
 * that DeploymentAdmin does not have are reinstalled from their copies, as Kura does at each start. There
 * is no marketplace: {@link #getMarketplacePackageDescriptor} returns an empty descriptor.
 */
@Component(service = DeploymentAgentService.class, property = "kura.service.pid=" + DeploymentAgent.PID)
public final class DeploymentAgent implements DeploymentAgentService {

    /** Kura's PID of its deployment agent. */
    public static final String PID = "org.eclipse.kura.deployment.agent";
    /** The name of the worker thread. */
    public static final String THREAD_NAME = "kprov-emulator-dpa";

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentAgent.class);

    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();
    private final AtomicReference<SslManagerService> sslManager = new AtomicReference<>();
    private volatile DeploymentAdmin deploymentAdmin;
    private volatile AgentSettings settings;
    private volatile DeploymentWorker worker;

    /** For DS: started by {@link #activate(BundleContext)}. */
    public DeploymentAgent() {
    }

    /**
     * For plain Java use: started at once over {@code deploymentAdmin}, posting to {@code eventAdmin} (may be
     * {@code null}; another can be bound later), and the recorded packages that {@code deploymentAdmin}
     * does not have are queued for reinstall. Stop with {@link #stop()}.
     */
    public DeploymentAgent(DeploymentAdmin deploymentAdmin, EventAdmin eventAdmin, AgentSettings settings) {
        this.deploymentAdmin = Objects.requireNonNull(deploymentAdmin, "deploymentAdmin");
        this.eventAdmin.set(eventAdmin);
        start(Objects.requireNonNull(settings, "settings"));
    }

    @Reference(policy = ReferencePolicy.STATIC, cardinality = ReferenceCardinality.MANDATORY)
    void setDeploymentAdmin(DeploymentAdmin deploymentAdmin) {
        this.deploymentAdmin = deploymentAdmin;
    }

    /** Binds the EventAdmin that events are posted to (optional, dynamic; without one they are dropped). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetEventAdmin")
    public void setEventAdmin(EventAdmin eventAdmin) {
        this.eventAdmin.set(eventAdmin);
    }

    /** Unbinds {@code eventAdmin} if it is the one bound. */
    public void unsetEventAdmin(EventAdmin eventAdmin) {
        this.eventAdmin.compareAndSet(eventAdmin, null);
    }

    /** Binds the SSL manager whose socket factory {@code https:} downloads use (optional, dynamic). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetSslManagerService")
    public void setSslManagerService(SslManagerService sslManagerService) {
        this.sslManager.set(sslManagerService);
    }

    /** Unbinds {@code sslManagerService} if it is the one bound. */
    public void unsetSslManagerService(SslManagerService sslManagerService) {
        this.sslManager.compareAndSet(sslManagerService, null);
    }

    @Activate
    void activate(BundleContext context) {
        start(AgentSettings.from(context));
    }

    private void start(AgentSettings settings) {
        this.settings = settings;
        PackageStore store = new PackageStore(settings.dpaConfiguration(), settings.packagesDir());
        PackageFetcher fetcher = new PackageFetcher(settings, this::sslSocketFactory);
        DeploymentWorker started = new DeploymentWorker(new Installer(deploymentAdmin, store, fetcher), this::post);
        this.worker = started;
        LOG.info("{}: started; packages in {}, recorded in {}", PID, settings.packagesDir(),
                settings.dpaConfiguration());
        started.reinstallRecorded();
    }

    /** Stops the worker without waiting: the running job is interrupted, queued ones fail with an event. */
    @Deactivate
    public void stop() {
        DeploymentWorker stopping = worker;
        if (stopping != null) {
            stopping.shutdown();
            LOG.info("{}: stopped", PID);
        }
    }

    /** The settings in use, or {@code null} before activation. */
    public AgentSettings getSettings() {
        return settings;
    }

    @Override
    public void installDeploymentPackageAsync(String url) throws KuraException {
        running().install(url);
    }

    @Override
    public void uninstallDeploymentPackageAsync(String name) throws KuraException {
        running().uninstall(name);
    }

    @Override
    public boolean isInstallingDeploymentPackage(String url) {
        DeploymentWorker current = worker;
        return current != null && current.isInstalling(url);
    }

    @Override
    public boolean isUninstallingDeploymentPackage(String name) {
        DeploymentWorker current = worker;
        return current != null && current.isUninstalling(name);
    }

    /** The emulator has no marketplace: an empty descriptor, never a network call. */
    @Override
    public MarketplacePackageDescriptor getMarketplacePackageDescriptor(String url) {
        return new MarketplacePackageDescriptor(null, null, false);
    }

    /** The emulator has no marketplace: an empty descriptor, never a network call. */
    @Override
    public MarketplacePackageDescriptor getMarketplacePackageDescriptor(String url,
            SslManagerService sslManagerService) {
        return getMarketplacePackageDescriptor(url);
    }

    private DeploymentWorker running() throws KuraException {
        DeploymentWorker current = worker;
        if (current == null) {
            throw new KuraException(KuraErrorCode.SERVICE_UNAVAILABLE, "the deployment agent is not started");
        }
        return current;
    }

    private SSLSocketFactory sslSocketFactory() throws GeneralSecurityException, IOException {
        SslManagerService manager = sslManager.get();
        return manager == null ? null : manager.getSSLSocketFactory();
    }

    private void post(Event event) {
        EventAdmin admin = eventAdmin.get();
        if (admin == null) {
            LOG.debug("{}: no EventAdmin; {} not posted", PID, event.getTopic());
            return;
        }
        try {
            admin.postEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("{}: {} could not be posted: {}", PID, event.getTopic(), e.toString());
            LOG.debug("{}: posting failed", PID, e);
        }
    }

    @Override
    public String toString() {
        return "DeploymentAgent[" + settings + "]";
    }
}
