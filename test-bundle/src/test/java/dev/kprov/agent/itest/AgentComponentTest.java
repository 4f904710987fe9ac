package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The agent component under real SCR and ConfigurationAdmin: what a Kura user sees when saving its settings. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class AgentComponentTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService
    CryptoService crypto;

    private StatusRecorder status;

    @BeforeEach
    void listen() {
        status = new StatusRecorder(context);
    }

    @AfterEach
    void removeConfiguration() throws Exception {
        AgentConfig.delete(configurationAdmin);
        Services.awaitNoAgent(context);
        status.close();
    }

    @Test
    void withoutConfigurationTheComponentDoesNotStart() throws Exception {
        // Kura's ConfigurationService seeds it from the metatype defaults; without any, REQUIRE keeps it down.
        AgentConfig.delete(configurationAdmin);
        Services.awaitNoAgent(context);

        assertTrue(context.getServiceReferences(ConfigurableComponent.class, "(kura.service.pid=" + AgentConfig.PID + ")").isEmpty());
    }

    @Test
    void registersConfigurableComponentWithKuraServicePid() throws Exception {
        AgentConfig.of(configurationAdmin).write();

        status.awaitState("DISABLED");
        ServiceReference<ConfigurableComponent> reference = Services.awaitAgent(context);
        assertEquals(AgentConfig.PID, reference.getProperty("kura.service.pid"));
        assertEquals(AgentConfig.PID, reference.getProperty("service.pid"));
        assertEquals("dev.kprov.agent", reference.getBundle().getSymbolicName());
    }

    @Test
    void enabledWithValidSettingsWaitsForItsFirstAttempt() throws Exception {
        AgentConfig.enabled(configurationAdmin).write();

        Event event = status.awaitState("WAITING");
        assertEquals("", event.getProperty("error"));
        assertEquals(AgentConfig.PID, event.getProperty("pid"));
    }

    @Test
    void configurationChangesReachTheComponent() throws Exception {
        AgentConfig.of(configurationAdmin).write();
        status.awaitState("DISABLED");

        AgentConfig.enabled(configurationAdmin).write();
        status.awaitState("WAITING");

        AgentConfig.enabled(configurationAdmin).set("provisioned", true).write();
        status.awaitState("PROVISIONED");
    }

    @Test
    void enabledWithThePlaceholderBrokerIsMisconfiguredNamingBrokerUrl() throws Exception {
        AgentConfig.of(configurationAdmin).set("enabled", true).write();

        Event event = status.awaitState("MISCONFIGURED");
        assertEquals("CONFIG_INVALID", event.getProperty("error"));
        assertTrue(((String) event.getProperty("message")).contains("'broker-url'"), event.toString());
    }

    @Test
    void outOfRangeNumberIsMisconfiguredNamingIt() throws Exception {
        AgentConfig.enabled(configurationAdmin).set("timeout", 0).write();

        Event event = status.awaitState("MISCONFIGURED");
        assertTrue(((String) event.getProperty("message")).contains("'timeout'"), event.toString());
    }

    @Test
    void fixingTheSettingLeavesMisconfigured() throws Exception {
        AgentConfig.enabled(configurationAdmin).set("client-id", "gw/1").write();
        assertTrue(((String) status.awaitState("MISCONFIGURED").getProperty("message")).contains("'client-id'"));

        AgentConfig.enabled(configurationAdmin).set("client-id", "gw-1").write();
        status.awaitState("WAITING");
    }

    @Test
    void passwordThatDoesNotDecryptIsMisconfiguredWithoutShowingIt() throws Exception {
        AgentConfig.enabled(configurationAdmin).set("password", "typed-in-clear-S3CR3T").write();

        Event event = status.awaitState("MISCONFIGURED");
        String message = (String) event.getProperty("message");
        assertTrue(message.contains("'password'"), message);
        assertFalse(message.contains("typed-in-clear-S3CR3T"), message);
    }

    @Test
    void passwordEncryptedByTheGatewayIsAccepted() throws Exception {
        String encrypted = new String(crypto.encryptAes("pw-from-request-S3CR3T".toCharArray()));

        AgentConfig.enabled(configurationAdmin).set("password", encrypted).write();

        status.awaitState("WAITING");
    }

    @Test
    void noAgentThreadIsLeftAfterDeactivation() throws Exception {
        AgentConfig.enabled(configurationAdmin).write();
        status.awaitState("WAITING");

        AgentConfig.delete(configurationAdmin);
        Services.awaitNoAgent(context);

        for (Thread thread : agentThreads()) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive(), thread + " still alive after deactivation");
        }
    }

    /** The agent's threads: its owner thread, its Paho sessions', its account connect (not the emulator's). */
    static Collection<Thread> agentThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("kprov-") && !t.getName().startsWith("kprov-emulator"))
                .collect(Collectors.toList());
    }
}
