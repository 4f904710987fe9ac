package dev.kprov.emulator.configuration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.configuration.metatype.AD;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.kprov.emulator.configuration.Definitions.Ad;
import dev.kprov.emulator.configuration.Definitions.Ocd;
import dev.kprov.emulator.configuration.MetatypeRegistry.Designation;
import dev.kprov.emulator.crypto.AesCryptoService;

/**
 * The configuration service's rules without a framework: the real emulator CryptoService, ConfigurationAdmin
 * in a map, snapshots in a temporary folder, a clock and a snapshot count the test sets.
 */
final class Fixture {

    /** Every secret of the suite holds S3CR3T, so that the audit of the logs can find a leak. */
    static final String SECRET = "broker-S3CR3T-pass";

    static final String APP = "dev.kprov.test.App";
    static final String TRANSPORT_FACTORY = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";

    final AesCryptoService crypto = new AesCryptoService("kprov-test-key-1");
    final MemoryConfigStore store = new MemoryConfigStore();
    final MetatypeRegistry registry = new MetatypeRegistry();
    final TrackedComponents tracked = new TrackedComponents();
    final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    final AtomicInteger maxSnapshots = new AtomicInteger(10);
    final Path snapshotsDir;
    final SnapshotFiles files;
    final ConfigurationManager manager;

    Fixture(Path snapshotsDir) {
        this.snapshotsDir = snapshotsDir;
        this.files = new SnapshotFiles(() -> snapshotsDir, maxSnapshots::get, crypto, clock::get);
        this.manager = new ConfigurationManager(store, new Passwords(crypto), registry, tracked, files);
    }

    /** The app's OCD: a String, a bounded Integer, a Password, a String array, an option list. */
    static Ocd appOcd() {
        List<AD> ads = List.of(Ad.of("broker-url", Scalar.STRING, "mqtt://localhost:1883").required(true),
                Ad.of("port", Scalar.INTEGER, "8883").bounds("1", "65535"),
                Ad.of("password", Scalar.PASSWORD, ""),
                Ad.of("topics", Scalar.STRING, "a,b\\,c").cardinality(5),
                Ad.of("qos", Scalar.INTEGER, "1").options("0", "1", "2"),
                Ad.of("account", Scalar.STRING, null).required(true));
        return new Ocd(APP, "App", "the app under test", ads, List.of());
    }

    static Ocd transportOcd() {
        List<AD> ads = List.of(Ad.of("broker-url", Scalar.STRING, "mqtt://broker-url:1883/"),
                Ad.of("password", Scalar.PASSWORD, ""), Ad.of("keep-alive", Scalar.INTEGER, "30"));
        return new Ocd(TRANSPORT_FACTORY, "MqttDataTransport", "", ads, List.of());
    }

    /** Bundle 7 designates the app's PID and the transport factory, as a bundle with metatype would. */
    Fixture withMetatype() {
        manager.bundleDesignates(7, List.of(new Designation(APP, false, appOcd(), 7),
                new Designation(TRANSPORT_FACTORY, true, transportOcd(), 7)));
        return this;
    }

    /** SCR activated the app: its ConfigurableComponent service is registered with these properties. */
    Fixture withAppTracked() {
        return track(APP, APP, null);
    }

    Fixture track(String kuraPid, String servicePid, String factoryPid) {
        Map<String, Object> properties = factoryPid == null
                ? Map.of(Constants.SERVICE_PID, servicePid, ConfigurationService.KURA_SERVICE_PID, kuraPid)
                : Map.of(Constants.SERVICE_PID, servicePid, ConfigurationService.KURA_SERVICE_PID, kuraPid,
                        ConfigurationAdmin.SERVICE_FACTORYPID, factoryPid);
        tracked.track("ref:" + kuraPid, properties::get, null);
        return this;
    }

    void untrack(String kuraPid) {
        tracked.remove("ref:" + kuraPid);
    }
}
