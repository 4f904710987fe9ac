package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.Fixture.APP;
import static dev.kprov.emulator.configuration.Fixture.SECRET;
import static dev.kprov.emulator.configuration.Fixture.TRANSPORT_FACTORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraPartialSuccessException;
import org.eclipse.kura.configuration.ComponentConfiguration;
import org.eclipse.kura.configuration.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeding, updates and factory configurations, with Kura's rules. */
class ConfigurationManagerTest {

    private static final String TRANSPORT = "org.eclipse.kura.cloud.MyTransport";

    @TempDir
    Path dir;

    private Fixture fixture() {
        return new Fixture(dir.resolve("snapshots"));
    }

    private static void update(Fixture fixture, String pid, Map<String, Object> properties) throws KuraException {
        fixture.manager.updateConfigurations(List.of(new ComponentConfigurationImpl(pid, null, properties)), false);
    }

    private String clear(Fixture fixture, Object stored) throws KuraException {
        return new String(fixture.crypto.decryptAes(((String) stored).toCharArray()));
    }

    @Test
    void aDesignatedPidWithoutConfigurationIsSeededFromItsDefaultsWithKuraServicePid() throws KuraException {
        Fixture fixture = fixture().withMetatype();

        Map<String, Object> seeded = fixture.store.properties(APP);

        assertEquals(APP, seeded.get("kura.service.pid"));
        assertEquals("mqtt://localhost:1883", seeded.get("broker-url"));
        assertEquals(8883, seeded.get("port"));
        assertArrayEquals(new String[] { "a", "b,c" }, (String[]) seeded.get("topics"));
        assertEquals("", clear(fixture, seeded.get("password")), "a password default is stored encrypted");
        assertFalse(seeded.containsKey("account"), "an AD without default gets no value");
        assertFalse(fixture.store.servicePids().contains(TRANSPORT_FACTORY), "a factory PID is not seeded");
    }

    @Test
    void seedingKeepsExistingValuesAndWritesOnlyWhenSomethingIsMissing() {
        Fixture fixture = fixture();
        fixture.store.put(APP, Map.of("port", 1234, "extra", "kept"));

        fixture.withMetatype();
        int updates = fixture.store.updates();
        fixture.withMetatype(); // the bundle started again

        Map<String, Object> seeded = fixture.store.properties(APP);
        assertEquals(1234, seeded.get("port"));
        assertEquals("kept", seeded.get("extra"));
        assertEquals("mqtt://localhost:1883", seeded.get("broker-url"));
        assertEquals(APP, seeded.get("kura.service.pid"));
        assertEquals(updates, fixture.store.updates(), "a complete configuration is not written again");
    }

    @Test
    void anUpdateMergesDefaultsThenCurrentValuesThenTheGivenOnes() throws KuraException {
        Fixture fixture = fixture().withMetatype().withAppTracked();
        // the current configuration, written around the service, lacks most of the ADs
        fixture.store.put(APP, new HashMap<>(Map.of("kura.service.pid", APP, "account", "acme", "port", 1234)));

        update(fixture, APP, Map.of("broker-url", "mqtts://broker.example.com:8883", "qos", "2"));

        Map<String, Object> stored = fixture.store.properties(APP);
        assertEquals("mqtts://broker.example.com:8883", stored.get("broker-url"), "the given value wins");
        assertEquals(1234, stored.get("port"), "the current value is kept");
        assertEquals("acme", stored.get("account"));
        assertEquals(2, stored.get("qos"), "converted to the AD's type");
        assertArrayEquals(new String[] { "a", "b,c" }, (String[]) stored.get("topics"), "defaults fill the gaps");
    }

    @Test
    void passwordsAreStoredEncryptedAndReadBackInClear() throws KuraException {
        Fixture fixture = fixture().withMetatype().withAppTracked();

        update(fixture, APP, Map.of("account", "acme", "password", new Password(SECRET)));

        Object stored = fixture.store.properties(APP).get("password");
        assertInstanceOf(String.class, stored, "ConfigurationAdmin holds the encrypted String, as in Kura");
        assertNotEquals(SECRET, stored);
        assertEquals(SECRET, clear(fixture, stored));
        ComponentConfiguration read = fixture.manager.reads().componentConfiguration(APP);
        assertEquals(Fixture.appOcd(), read.getDefinition());
        Password password = assertInstanceOf(Password.class, read.getConfigurationProperties().get("password"));
        assertArrayEquals(SECRET.toCharArray(), password.getPassword());
    }

    @Test
    void anAlreadyEncryptedPasswordIsLeftAsItIs() throws KuraException {
        Fixture fixture = fixture().withMetatype().withAppTracked();
        String encrypted = new String(fixture.crypto.encryptAes(SECRET.toCharArray()));

        update(fixture, APP, Map.of("account", "acme", "password", encrypted));

        assertEquals(encrypted, fixture.store.properties(APP).get("password"));
    }

    @Test
    void aConfigurationReadBackCanBeWrittenAgainUnchanged() throws KuraException {
        Fixture fixture = fixture().withMetatype().withAppTracked();
        update(fixture, APP, Map.of("account", "acme", "password", new Password(SECRET)));

        ComponentConfiguration read = fixture.manager.reads().componentConfiguration(APP);
        update(fixture, APP, read.getConfigurationProperties());

        assertEquals(SECRET, clear(fixture, fixture.store.properties(APP).get("password")));
        assertEquals("acme", fixture.store.properties(APP).get("account"));
    }

    @Test
    void anInvalidValueFailsNamingThePropertyAndWritesNothing() {
        Fixture fixture = fixture().withMetatype().withAppTracked();
        int updates = fixture.store.updates();

        KuraPartialSuccessException e = assertThrows(KuraPartialSuccessException.class, () -> update(fixture, APP,
                Map.of("account", "acme", "port", 70000, "password", new Password(SECRET))));

        KuraException cause = assertInstanceOf(KuraException.class, e.getCauses().get(0));
        assertEquals(KuraErrorCode.CONFIGURATION_ATTRIBUTE_INVALID, cause.getCode());
        assertTrue(cause.getMessage().contains("'port'"), cause.getMessage());
        assertTrue(e.getMessage().contains("'port'"), "the summary names it too: " + e.getMessage());
        assertFalse(e.getMessage().contains("S3CR3T"));
        assertEquals(updates, fixture.store.updates());
    }

    @Test
    void aMissingRequiredValueFailsNamingTheProperty() {
        Fixture fixture = fixture().withMetatype().withAppTracked();

        KuraPartialSuccessException e = assertThrows(KuraPartialSuccessException.class,
                () -> update(fixture, APP, Map.of("port", 1)));

        KuraException cause = (KuraException) e.getCauses().get(0);
        assertEquals(KuraErrorCode.CONFIGURATION_REQUIRED_ATTRIBUTE_MISSING, cause.getCode());
        assertTrue(cause.getMessage().contains("'account'"), cause.getMessage());
    }

    @Test
    void aPidThatIsNotTrackedIsIgnoredAsInKura() throws KuraException {
        Fixture fixture = fixture().withMetatype();
        Map<String, Object> before = fixture.store.properties(APP);

        update(fixture, APP, Map.of("account", "acme"));
        update(fixture, "not.a.component", Map.of("x", 1));

        assertEquals(before, fixture.store.properties(APP));
        assertFalse(fixture.store.servicePids().contains("not.a.component"));
    }

    @Test
    void updateConfigurationsAppliesTheValidOnesAndReportsTheOthers() throws KuraException {
        Fixture fixture = fixture().withMetatype().withAppTracked();
        fixture.manager.createFactoryConfiguration(TRANSPORT_FACTORY, TRANSPORT, Map.of(), false);
        fixture.track(TRANSPORT, fixture.store.findManaged(TRANSPORT).get().servicePid(), TRANSPORT_FACTORY);

        KuraPartialSuccessException e = assertThrows(KuraPartialSuccessException.class,
                () -> fixture.manager.updateConfigurations(List.of(
                        new ComponentConfigurationImpl(APP, null, Map.of("account", "acme", "qos", 9)),
                        new ComponentConfigurationImpl(TRANSPORT, null, Map.of("keep-alive", "45"))), true));

        assertEquals(1, e.getCauses().size());
        assertTrue(e.getCauses().get(0).getMessage().contains("'qos'"));
        assertEquals(45, fixture.store.findManaged(TRANSPORT).get().properties().get("keep-alive"),
                "a factory instance is validated against its factory's OCD");
        assertEquals(1, fixture.files.ids().size(), "the snapshot is taken all the same, as in Kura");
    }

    @Test
    void aFactoryConfigurationIsCreatedWithItsPidAndTheFactoryDefaults() throws KuraException {
        Fixture fixture = fixture().withMetatype();

        fixture.manager.createFactoryConfiguration(TRANSPORT_FACTORY, TRANSPORT,
                Map.of("password", new Password(SECRET)), true);

        ConfigStore.Stored created = fixture.store.findManaged(TRANSPORT).orElseThrow();
        assertEquals(TRANSPORT_FACTORY, created.factoryPid());
        assertEquals(TRANSPORT_FACTORY, created.properties().get("service.factoryPid"));
        assertEquals(TRANSPORT, created.properties().get("kura.service.pid"));
        assertEquals(30, created.properties().get("keep-alive"));
        assertEquals(SECRET, clear(fixture, created.properties().get("password")));
        assertEquals(1, fixture.files.ids().size(), "takeSnapshot");
        KuraException again = assertThrows(KuraException.class,
                () -> fixture.manager.createFactoryConfiguration(TRANSPORT_FACTORY, TRANSPORT, Map.of(), false));
        assertEquals(KuraErrorCode.INVALID_PARAMETER, again.getCode());
    }

    @Test
    void anUntrackedFactoryInstanceInUpdateConfigurationsIsCreatedAsInKura() throws KuraException {
        Fixture fixture = fixture().withMetatype();

        fixture.manager.updateConfigurations(List.of(new ComponentConfigurationImpl(TRANSPORT, null,
                Map.of("service.factoryPid", TRANSPORT_FACTORY, "broker-url", "mqtts://b:8883"))), false);

        assertEquals("mqtts://b:8883", fixture.store.findManaged(TRANSPORT).orElseThrow().properties().get("broker-url"));
    }

    @Test
    void deletingAFactoryConfigurationRemovesOnlyAFactoryInstance() throws KuraException {
        Fixture fixture = fixture().withMetatype();
        fixture.manager.createFactoryConfiguration(TRANSPORT_FACTORY, TRANSPORT, Map.of(), false);

        fixture.manager.deleteFactoryConfiguration(TRANSPORT, false);
        fixture.manager.deleteFactoryConfiguration(APP, false);

        assertTrue(fixture.store.findManaged(TRANSPORT).isEmpty());
        assertTrue(fixture.store.findManaged(APP).isPresent(), "a singleton configuration is not deleted");
        assertEquals(0, fixture.files.ids().size());
    }

    @Test
    void readsListTrackedComponentsAndDefaults() throws KuraException {
        Fixture fixture = fixture().withMetatype().withAppTracked();

        assertEquals(List.of(APP), List.copyOf(fixture.tracked.pids()));
        assertEquals(List.of(TRANSPORT_FACTORY), List.copyOf(fixture.manager.factoryPids()));
        assertNull(fixture.manager.reads().componentConfiguration("not.tracked"));
        ComponentConfiguration defaults = fixture.manager.reads().defaultConfiguration(TRANSPORT_FACTORY);
        assertEquals(30, defaults.getConfigurationProperties().get("keep-alive"));
        assertInstanceOf(Password.class, defaults.getConfigurationProperties().get("password"));
        assertEquals(1, fixture.manager.reads().componentConfigurations(List.of(APP, "not.tracked")).size());
    }

    @Test
    void aSelfConfiguringComponentIsTrackedAndAskedForItsConfiguration() throws KuraException {
        Fixture fixture = fixture();
        ComponentConfiguration own = new ComponentConfigurationImpl("self.pid", null, Map.of("mode", "auto"));
        fixture.tracked.track("self", Map.of("service.pid", "self.pid", "kura.service.pid", "self.pid")::get,
                () -> own);

        ComponentConfiguration read = fixture.manager.reads().componentConfiguration("self.pid");

        assertEquals("auto", read.getConfigurationProperties().get("mode"));
        assertTrue(fixture.tracked.pids().contains("self.pid"));
    }

    @Test
    void aServiceWithoutKuraServicePidIsNotTracked() {
        Fixture fixture = fixture();

        String missing = fixture.tracked.track("ref", Map.of("service.pid", "x")::get, null);

        assertEquals("kura.service.pid", missing);
        assertTrue(fixture.tracked.pids().isEmpty());
    }
}
