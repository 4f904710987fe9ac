package dev.kprov.agent.itest;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Writes the agent's configuration through ConfigurationAdmin, as Kura's ConfigurationService ends up doing. */
final class AgentConfig {

    static final String PID = "dev.kprov.agent.ProvisioningService";

    private final ConfigurationAdmin configurationAdmin;
    private final Dictionary<String, Object> properties = new Hashtable<>();

    private AgentConfig(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    static AgentConfig of(ConfigurationAdmin configurationAdmin) {
        return new AgentConfig(configurationAdmin);
    }

    /** Enabled, with a well-formed broker: the agent has everything it needs to start. */
    static AgentConfig enabled(ConfigurationAdmin configurationAdmin) {
        return of(configurationAdmin).set("enabled", true).set("broker-url", "mqtts://provision.example.com:8883");
    }

    AgentConfig set(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    void write() throws IOException {
        configuration().update(properties);
    }

    /**
     * Removes the agent's configuration, after letting the agent finish putting the gateway right: a test
     * that ends in the middle of a run leaves the run's journal, which a later activation would recover.
     */
    static void settle(ConfigurationAdmin configurationAdmin, org.osgi.framework.BundleContext context,
            StatusRecorder status) throws Exception {
        delete(configurationAdmin);
        Services.awaitNoAgent(context);
        of(configurationAdmin).write();
        status.awaitState("DISABLED");
        delete(configurationAdmin);
        Services.awaitNoAgent(context);
    }

    static void delete(ConfigurationAdmin configurationAdmin) throws IOException {
        configurationAdmin.getConfiguration(PID, "?").delete();
    }

    private Configuration configuration() throws IOException {
        return configurationAdmin.getConfiguration(PID, "?");
    }
}
