package dev.kprov.agent.component;

import java.security.SecureRandom;
import java.time.Clock;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.data.DataService;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.eclipse.kura.ssl.SslManagerService;
import org.eclipse.kura.system.SystemService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

import dev.kprov.agent.fsm.ApplyPort;
import dev.kprov.agent.fsm.ErrorCategory;
import dev.kprov.agent.fsm.Exchange;
import dev.kprov.agent.fsm.Machine;
import dev.kprov.agent.fsm.OwnerThread;
import dev.kprov.agent.fsm.ProtocolExchange;
import dev.kprov.agent.mqtt.PahoSessions;
import dev.kprov.agent.status.StatusEvents;
import dev.kprov.agent.trust.PackageVerifier;

/**
 * The agent as Kura sees it: a configurable component. It only validates settings and hands them to the
 * machine; it never connects, waits or sleeps in a DS callback (STYLE.md 2).
 *
 * <p>The SSL manager, keystore and data service are optional and dynamic, as in Kura's own MQTT
 * transport: a wrong target filter must leave the component visible in the web UI, where it can be fixed.
 */
@Component(name = ProvisioningService.PID, configurationPid = ProvisioningService.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = ConfigurableComponent.class,
        property = "kura.service.pid=" + ProvisioningService.PID)
@Designate(ocd = ProvisioningConfig.class)
public final class ProvisioningService implements ConfigurableComponent {

    public static final String PID = "dev.kprov.agent.ProvisioningService";

    // Static references: SCR sets them, and every dynamic one that is there, before activate() runs, so the
    // first status event already finds EventAdmin.
    @Reference
    private CryptoService crypto;

    @Reference
    private SystemService system;

    private Machine machine;

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
    volatile EventAdmin eventAdmin;

    /** Applying a verified package (PROTOCOL.md section 8, steps 5 to 12) is not part of this build yet. */
    private static final ApplyPort NOT_APPLYING = (verified, listener) -> listener.failed(ErrorCategory.APPLY_FAILED,
            "verified " + verified + ", but this build of the agent cannot apply packages yet; nothing was changed");

    @Activate
    void activate(ProvisioningConfig config) {
        GatewayServices gateway = new GatewayServices(system, () -> sslManager, () -> keystore);
        Exchange exchange = new ProtocolExchange(new SecureRandom(), gateway::deviceFields, gateway::trustAnchors,
                new PackageVerifier(Clock.systemUTC()), PID);
        machine = new Machine(PID, new Machine.Parts(new OwnerThread("kprov-agent"),
                new PahoSessions(gateway::tlsSockets), exchange, NOT_APPLYING, new StatusEvents(PID, () -> eventAdmin),
                new SecureRandom()));
        configure(config);
    }

    @Modified
    void modified(ProvisioningConfig config) {
        configure(config);
    }

    @Deactivate
    void deactivate() {
        machine.close();
    }

    private void configure(ProvisioningConfig config) {
        try {
            machine.configure(Options.parse(config, crypto, system));
        } catch (InvalidSettingException e) {
            machine.reject(e);
        }
    }
}
