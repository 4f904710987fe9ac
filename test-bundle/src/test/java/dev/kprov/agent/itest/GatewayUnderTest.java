package dev.kprov.agent.itest;

import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The emulated gateway for one end-to-end test: it trusts the platform's broker and signer, records its
 * configuration, and afterwards is put back as it was (configuration rolled back, the agent settled and
 * removed, every certificate the test or a run added forgotten), so that no test sees another's traces.
 */
final class GatewayUnderTest implements AutoCloseable {

    final StatusRecorder status;
    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;
    private final ConfigurationService configurationService;
    private final KeystoreService keystore;
    private final long snapshot;

    GatewayUnderTest(BundleContext context, ConfigurationAdmin configurationAdmin,
            ConfigurationService configurationService, KeystoreService keystore, PlatformProcess platform)
            throws Exception {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
        this.configurationService = configurationService;
        this.keystore = keystore;
        this.status = new StatusRecorder(context);
        this.snapshot = configurationService.snapshot();
        GatewayTrust.trust(keystore, "provision-broker", platform.brokerCa());
        GatewayTrust.trust(keystore, "provision-signer", platform.signerRoot());
    }

    @Override
    public void close() throws Exception {
        configurationService.rollback(snapshot);
        AgentConfig.settle(configurationAdmin, context, status);
        GatewayTrust.forget(keystore, "provision-broker");
        GatewayTrust.forget(keystore, "provision-signer");
        GatewayTrust.forgetDelivered(keystore);
        status.close();
    }
}
