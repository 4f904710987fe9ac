package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.Fixture.APP;
import static dev.kprov.emulator.configuration.Fixture.SECRET;
import static dev.kprov.emulator.configuration.Fixture.TRANSPORT_FACTORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ComponentConfiguration;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.emulator.configuration.Definitions.Ad;
import dev.kprov.emulator.configuration.Definitions.Ocd;
import dev.kprov.emulator.configuration.MetatypeRegistry.Designation;

/** Snapshots of the current configurations, and rollback to exactly the set of configurations of a snapshot. */
class SnapshotsTest {

    private static final String T1 = "org.eclipse.kura.cloud.T1";
    private static final String T2 = "org.eclipse.kura.cloud.T2";

    @TempDir
    Path dir;

    /** The app configured with a password, and one transport instance. */
    private Fixture configured() throws KuraException {
        Fixture fixture = new Fixture(dir.resolve("snapshots")).withMetatype().withAppTracked();
        update(fixture, APP, Map.of("account", "acme", "port", 1000, "password", new Password(SECRET)));
        fixture.manager.createFactoryConfiguration(TRANSPORT_FACTORY, T1,
                Map.of("broker-url", "mqtts://t1:8883", "password", new Password(SECRET + "-t1")), false);
        return fixture;
    }

    private static void update(Fixture fixture, String pid, Map<String, Object> properties) throws KuraException {
        fixture.manager.updateConfigurations(List.of(new ComponentConfigurationImpl(pid, null, properties)), false);
    }

    private static Map<String, ComponentConfiguration> byPid(List<ComponentConfiguration> configurations) {
        return configurations.stream().collect(Collectors.toMap(ComponentConfiguration::getPid, c -> c));
    }

    private String clear(Fixture fixture, Object stored) throws KuraException {
        return new String(fixture.crypto.decryptAes(((String) stored).toCharArray()));
    }

    @Test
    void aSnapshotHoldsEveryKuraConfigurationWithItsPasswordsEncrypted() throws Exception {
        Fixture fixture = configured();

        long id = fixture.manager.snapshots().take();

        String xml = fixture.files.read(id);
        assertFalse(xml.contains("S3CR3T"), "passwords are encrypted inside the encrypted file too");
        assertTrue(xml.contains("name=\"password\" array=\"false\" encrypted=\"true\" type=\"Password\""));
        Map<String, ComponentConfiguration> snapshot = byPid(fixture.manager.snapshots().get(id));
        assertEquals(List.of(APP, T1).stream().sorted().toList(), snapshot.keySet().stream().sorted().toList());
        Map<String, Object> transport = snapshot.get(T1).getConfigurationProperties();
        assertEquals(TRANSPORT_FACTORY, transport.get("service.factoryPid"));
        assertEquals(T1, transport.get("kura.service.pid"));
        Password password = assertInstanceOf(Password.class, snapshot.get(APP).getConfigurationProperties().get("password"));
        assertArrayEquals(SECRET.toCharArray(), password.getPassword(), "getSnapshot decrypts, as Kura");
        assertEquals(1000, snapshot.get(APP).getConfigurationProperties().get("port"));
    }

    @Test
    void rollbackRestoresValuesAndExactlyTheFactoryInstancesOfTheSnapshot() throws Exception {
        Fixture fixture = configured();
        long before = fixture.manager.snapshots().take();
        String t1ServicePid = fixture.store.findManaged(T1).orElseThrow().servicePid();
        update(fixture, APP, Map.of("port", 2000, "password", new Password("changed-S3CR3T")));
        fixture.manager.deleteFactoryConfiguration(T1, false);
        fixture.manager.createFactoryConfiguration(TRANSPORT_FACTORY, T2, Map.of(), true);

        fixture.manager.snapshots().rollback(before);

        Map<String, Object> app = fixture.store.properties(APP);
        assertEquals(1000, app.get("port"));
        assertEquals(SECRET, clear(fixture, app.get("password")));
        ConfigStore.Stored t1 = fixture.store.findManaged(T1).orElseThrow(() -> new AssertionError("T1 recreated"));
        assertNotEquals(t1ServicePid, t1.servicePid(), "a new factory configuration, as ConfigurationAdmin names it");
        assertEquals(TRANSPORT_FACTORY, t1.factoryPid());
        assertEquals("mqtts://t1:8883", t1.properties().get("broker-url"));
        assertEquals(SECRET + "-t1", clear(fixture, t1.properties().get("password")));
        assertTrue(fixture.store.findManaged(T2).isEmpty(), "an instance the snapshot does not hold is deleted");
    }

    @Test
    void aTrackedComponentTheSnapshotDoesNotHoldGoesBackToItsDefaults() throws Exception {
        Fixture fixture = configured();
        long before = fixture.manager.snapshots().take();
        Ocd other = new Ocd("other", "other", "", List.of(Ad.of("level", Scalar.INTEGER, "3")), List.of());
        fixture.manager.bundleDesignates(9, List.of(new Designation("other", false, other, 9)));
        fixture.track("other", "other", null);
        update(fixture, "other", Map.of("level", 8));

        fixture.manager.snapshots().rollback(before);

        assertEquals(3, fixture.store.properties("other").get("level"));
    }

    @Test
    void rollbackToAnOlderSnapshotThenTakesASnapshotOfTheResultAsKura() throws Exception {
        Fixture fixture = configured();
        long older = fixture.manager.snapshots().take();
        update(fixture, APP, Map.of("port", 2000));
        fixture.clock.addAndGet(1000);
        long newer = fixture.manager.snapshots().take();
        fixture.clock.addAndGet(1000);

        fixture.manager.snapshots().rollback(older);

        List<Long> ids = List.copyOf(fixture.files.ids());
        assertEquals(3, ids.size());
        assertEquals(List.of(older, newer), ids.subList(0, 2));
        ComponentConfiguration app = byPid(fixture.manager.snapshots().get(ids.get(2))).get(APP);
        assertEquals(1000, app.getConfigurationProperties().get("port"), "the new newest is the restored state");
    }

    @Test
    void rollbackToTheNewestWritesNothingThatIsAlreadyThere() throws Exception {
        Fixture fixture = configured();
        long id = fixture.manager.snapshots().take();
        int updates = fixture.store.updates();

        fixture.manager.snapshots().rollback(id);

        assertEquals(updates, fixture.store.updates(), "equal configurations are not rewritten");
        assertEquals(1, fixture.files.ids().size(), "no snapshot after a rollback to the newest");
    }

    @Test
    void rollbackWithoutIdGoesToTheSnapshotBeforeTheNewest() throws Exception {
        Fixture fixture = configured();
        long first = fixture.manager.snapshots().take();
        update(fixture, APP, Map.of("port", 2000));
        fixture.clock.addAndGet(1000);
        fixture.manager.snapshots().take();

        long restored = fixture.manager.snapshots().rollback();

        assertEquals(first, restored);
        assertEquals(1000, fixture.store.properties(APP).get("port"));
    }

    @Test
    void aMissingSnapshotIsNotFoundAndChangesNothing() throws Exception {
        Fixture fixture = configured();
        fixture.manager.snapshots().take();
        int updates = fixture.store.updates();

        KuraException missing = assertThrows(KuraException.class, () -> fixture.manager.snapshots().rollback(42));
        KuraException onlyOne = assertThrows(KuraException.class, () -> fixture.manager.snapshots().rollback());

        assertEquals(KuraErrorCode.CONFIGURATION_SNAPSHOT_NOT_FOUND, missing.getCode());
        assertEquals(KuraErrorCode.CONFIGURATION_SNAPSHOT_NOT_FOUND, onlyOne.getCode());
        assertEquals(updates, fixture.store.updates());
    }

    @Test
    void aPlainSeedSnapshotWithAClearPasswordIsRestoredEncrypted() throws Exception {
        Fixture fixture = configured();
        Files.createDirectories(fixture.snapshotsDir);
        Files.writeString(fixture.snapshotsDir.resolve("snapshot_0.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\""
                + " xmlns:ocd=\"http://www.osgi.org/xmlns/metatype/v1.2.0\"><esf:configuration pid=\"" + APP + "\">"
                + "<esf:properties><esf:property name=\"password\" array=\"false\" encrypted=\"false\""
                + " type=\"Password\"><esf:value>" + SECRET + "-seed</esf:value></esf:property>"
                + "<esf:property name=\"account\" array=\"false\" encrypted=\"false\" type=\"String\">"
                + "<esf:value>seed</esf:value></esf:property></esf:properties></esf:configuration>"
                + "</esf:configurations>");

        fixture.manager.snapshots().rollback(0);

        Map<String, Object> app = fixture.store.properties(APP);
        assertEquals("seed", app.get("account"));
        assertEquals(SECRET + "-seed", clear(fixture, app.get("password")), "stored encrypted");
        assertEquals(8883, app.get("port"), "values the snapshot lacks come from the metatype defaults");
        assertTrue(fixture.store.findManaged(T1).isEmpty());
    }
}
