package dev.kprov.agent.itest;

import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.data.DataService;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * What an end-to-end test of the agent holds: the emulated gateway's Kura and OSGi services, the client id of
 * the gateway under test (each test sets a new one), and the agent's settings for it. The password is in
 * clear only here and in the platform's request; the agent gets it encrypted, as from Kura's web UI.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
abstract class GatewayTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService
    ConfigurationService configurationService;

    @InjectService
    CryptoService crypto;

    @InjectService(filter = "(kura.service.pid=SSLKeystore)")
    KeystoreService keystore;

    @InjectService
    DeploymentAdmin deploymentAdmin;

    @InjectService
    DataService dataService;

    String clientId;

    String password() {
        return clientId + "-pw-S3CR3T";
    }

    String encrypted(String clear) throws Exception {
        return new String(crypto.encryptAes(clear.toCharArray()));
    }

    /** The agent enabled for this gateway on {@code brokerUrl}, with short waits. */
    AgentConfig agent(String brokerUrl) throws Exception {
        return AgentConfig.enabled(configurationAdmin).set("broker-url", brokerUrl).set("client-id", clientId)
                .set("username", clientId + "-user").set("password", encrypted(password())).set("retry-interval", 1)
                .set("timeout", 5);
    }
}
