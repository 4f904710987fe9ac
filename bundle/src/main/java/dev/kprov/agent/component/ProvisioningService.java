package dev.kprov.agent.component;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.data.DataService;
import org.eclipse.kura.deployment.agent.DeploymentAgentService;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.eclipse.kura.ssl.SslManagerService;
import org.eclipse.kura.system.SystemService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;

import dev.kprov.agent.apply.Applier;
import dev.kprov.agent.apply.Journal;
import dev.kprov.agent.fsm.Machine;
import dev.kprov.agent.fsm.MachineParts;
import dev.kprov.agent.fsm.OwnerThread;
import dev.kprov.agent.fsm.ProtocolExchange;
import dev.kprov.agent.mqtt.PahoSessions;
import dev.kprov.agent.status.ShellCommands;
import dev.kprov.agent.status.StatusEvents;
import dev.kprov.agent.trust.PackageVerifier;

/**
 * The agent as Kura sees it: a configurable component. It only validates settings and hands them to the
 * machine; it never connects, waits or sleeps in a DS callback (STYLE.md 2). It also receives the
 * deployment agent's events, which tell when an application of a package is installed.
 *
 * <p>The configuration, SSL manager, keystore, data service and deployment services are optional and dynamic, as in
 * Kura's own MQTT transport: a wrong target filter must leave the component visible in the web UI, where
 * it can be fixed. A step that needs a missing one fails with a message naming its setting.
 */
@Component(name = ProvisioningService.PID, configurationPid = ProvisioningService.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = { ConfigurableComponent.class, EventHandler.class },
        property = { "kura.service.pid=" + ProvisioningService.PID, "event.topics=org/eclipse/kura/deployment/agent/*" })
@Designate(ocd = ProvisioningConfig.class)
public final class ProvisioningService implements ConfigurableComponent, EventHandler {

    public static final String PID = "dev.kprov.agent.ProvisioningService";

    // Static references: SCR sets them, and every dynamic one that is there, before activate() runs, so the
    // first status event already finds EventAdmin.
    @Reference
    private CryptoService crypto;

    @Reference
    private SystemService system;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationService configuration;

    @Reference(name = "SslManagerService", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile SslManagerService sslManager;

    @Reference(name = "KeystoreService", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile KeystoreService keystore;

    @Reference(name = "DataService", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile DataService dataService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DeploymentAgentService deploymentAgent;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DeploymentAdmin deploymentAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventAdmin eventAdmin;

    private Machine machine;
    private KuraGateway gateway;
    private ServiceRegistration<?> commands;

    @Activate
    void activate(BundleContext context, ProvisioningConfig config) {
        GatewayServices services = new GatewayServices(system, () -> sslManager, () -> keystore);
        gateway = new KuraGateway(() -> configuration, services, () -> deploymentAgent, () -> deploymentAdmin,
                () -> dataService, context.getDataFile("applications").toPath());
        OwnerThread owner = new OwnerThread("kprov-agent");
        Applier applier = new Applier(PID, owner, gateway, new Journal(context.getDataFile("journal.properties").toPath()));
        machine = new Machine(PID, new MachineParts(owner, new PahoSessions(services::tlsSockets),
                new ProtocolExchange(new SecureRandom(), services::deviceFields, services::trustAnchors,
                        new PackageVerifier(Clock.systemUTC()), PID),
                applier, applier, new StatusEvents(PID, () -> eventAdmin), new SecureRandom()));
        Dictionary<String, Object> shell = new Hashtable<>();
        shell.put("osgi.command.scope", ShellCommands.SCOPE);
        shell.put("osgi.command.function", ShellCommands.FUNCTIONS);
        commands = context.registerService(ShellCommands.class.getName(),
                new ShellCommands(machine::status, machine::retryNow, this::reprovision), shell);
        configure(config);
    }

    /** kprov:reprovision (the Kura web UI does the same by setting the two switches). */
    private void reprovision() throws Exception {
        ConfigurationService service = configuration;
        if (service == null) {
            throw new IllegalStateException("no configuration service on this gateway");
        }
        Map<String, Object> again = new HashMap<>();
        again.put("enabled", true);
        again.put("provisioned", false);
        service.updateConfiguration(PID, again, true);
    }

    @Modified
    void modified(ProvisioningConfig config) {
        configure(config);
    }

    @Deactivate
    void deactivate() {
        commands.unregister();
        machine.close();
    }

    @Override
    public void handleEvent(Event event) {
        gateway.onDeploymentEvent(event);
    }

    private void configure(ProvisioningConfig config) {
        try {
            machine.configure(Options.parse(config, crypto, system));
        } catch (InvalidSettingException e) {
            machine.reject(e);
        }
    }
}
