package dev.kprov.bench.fleet;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import dev.kprov.platform.PlatformException;
import dev.kprov.sandbox.platform.SandboxPlatform;
import dev.kprov.sandbox.show.Narrator;

/**
 * The broker a fleet runs against ({@code fleet --broker}): the platform's embedded one (Moquette, in this
 * process), or this machine's Mosquitto, which the platform starts as a child process and serves through
 * its dynamic-security plugin. Either is both the provision broker and the account broker the platform
 * delivers. Mosquitto's CPU is read from {@code /proc/PID/stat}, since its threads are not this process's.
 */
public enum FleetBroker {

    EMBEDDED(""), MOSQUITTO("-mosquitto");

    private static final String MOSQUITTO_FOLDER = "mosquitto";
    private final String fileTag;

    FleetBroker(String fileTag) {
        this.fileTag = fileTag;
    }

    /** @throws IllegalArgumentException naming the value, when it is neither {@code embedded} nor {@code mosquitto} */
    public static FleetBroker parse(String name) {
        for (FleetBroker broker : values()) {
            if (broker.name().toLowerCase(Locale.ROOT).equals(name)) {
                return broker;
            }
        }
        throw new IllegalArgumentException("--broker '" + name + "': embedded or mosquitto");
    }

    /** The platform on this broker, its state and files under {@code work}. */
    SandboxPlatform start(Path work, Narrator quiet) throws PlatformException {
        return SandboxPlatform.start(work.resolve("platform"), work.resolve("configurations"), quiet,
                this == MOSQUITTO ? Optional.of(work.resolve(MOSQUITTO_FOLDER)) : Optional.empty());
    }

    /**
     * The process id of the Mosquitto that {@link #start} started for {@code work}: this JVM's descendant whose
     * arguments name that run's {@code mosquitto.conf}; empty for the embedded broker.
     *
     * @throws IllegalStateException when there is not exactly one such process
     */
    OptionalLong pid(Path work) {
        if (this == EMBEDDED) {
            return OptionalLong.empty();
        }
        String conf = work.resolve(MOSQUITTO_FOLDER).toAbsolutePath().resolve("mosquitto.conf").toString();
        List<ProcessHandle> found = ProcessHandle.current().descendants().filter(process -> process.info()
                .arguments().map(arguments -> Arrays.asList(arguments).contains(conf)).orElse(false)).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one mosquitto process with " + conf + ", found " + found.size());
        }
        return OptionalLong.of(found.get(0).pid());
    }

    /** {@code fleet.csv} for the embedded broker, {@code fleet-mosquitto.csv} for Mosquitto; same for the others. */
    String file(String base) {
        return base.replaceFirst("^fleet", "fleet" + fileTag) + ".csv";
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
