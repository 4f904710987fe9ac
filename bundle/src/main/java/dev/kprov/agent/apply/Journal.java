package dev.kprov.agent.apply;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * The record of a run that is changing the gateway (PROTOCOL.md section 10): what was changed so far, so
 * that a run cut short by a crash can be undone at the next start. Written atomically at each step:
 * temporary file, fsync, rename. Holds no secret: PIDs, aliases, package names and a snapshot id.
 */
public final class Journal {

    /** The steps of PROTOCOL.md section 8 that the journal records. */
    public enum Step {
        SNAPSHOT_TAKEN(5), CERTIFICATES_STORED(6), APPLICATIONS_INSTALLED(7), CONFIGURATION_APPLIED(8),
        PROVISION_BROKER_LEFT(9), ACCOUNT_CONNECTED(10), MARKING_PROVISIONED(11);

        final int number;

        Step(int number) {
            this.number = number;
        }
    }

    private final Path file;

    public Journal(Path file) {
        this.file = file;
    }

    /** What a run recorded. Immutable; {@link #with} makes the next version. */
    public static final class Record {
        final String requestId;
        final long snapshotId;
        final Step step;
        final List<String> addedCertificates;
        final List<String> installedApplications;
        final List<String> createdFactoryPids;

        Record(String requestId, long snapshotId, Step step, List<String> certificates, List<String> applications,
                List<String> factories) {
            this.requestId = requestId;
            this.snapshotId = snapshotId;
            this.step = step;
            this.addedCertificates = Collections.unmodifiableList(new ArrayList<>(certificates));
            this.installedApplications = Collections.unmodifiableList(new ArrayList<>(applications));
            this.createdFactoryPids = Collections.unmodifiableList(new ArrayList<>(factories));
        }

        static Record begin(String requestId, long snapshotId) {
            return new Record(requestId, snapshotId, Step.SNAPSHOT_TAKEN, Collections.<String> emptyList(),
                    Collections.<String> emptyList(), Collections.<String> emptyList());
        }

        Record with(Step next) {
            return new Record(requestId, snapshotId, next, addedCertificates, installedApplications,
                    createdFactoryPids);
        }

        Record withCertificate(String alias) {
            return new Record(requestId, snapshotId, step, plus(addedCertificates, alias), installedApplications,
                    createdFactoryPids);
        }

        Record withApplication(String name) {
            return new Record(requestId, snapshotId, step, addedCertificates, plus(installedApplications, name),
                    createdFactoryPids);
        }

        Record withFactory(String pid) {
            return new Record(requestId, snapshotId, step, addedCertificates, installedApplications,
                    plus(createdFactoryPids, pid));
        }

        private static List<String> plus(List<String> list, String item) {
            List<String> copy = new ArrayList<>(list);
            copy.add(item);
            return copy;
        }

        public String requestId() {
            return requestId;
        }

        public Step step() {
            return step;
        }

        @Override
        public String toString() {
            return "run " + requestId + " at step " + step.number + " (" + step + ")";
        }
    }

    /** Replaces the journal with this record, atomically and durably. */
    void write(Record record) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("request.id", record.requestId);
        properties.setProperty("snapshot.id", Long.toString(record.snapshotId));
        properties.setProperty("step", record.step.name());
        putList(properties, "certificate", record.addedCertificates);
        putList(properties, "application", record.installedApplications);
        putList(properties, "factory", record.createdFactoryPids);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        properties.store(bytes, "kprov provisioning run in progress: do not edit");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(bytes.toByteArray()));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void putList(Properties properties, String key, List<String> values) {
        properties.setProperty(key + ".count", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            properties.setProperty(key + "." + i, values.get(i));
        }
    }

    /** The run recorded by an earlier start, or null when none was left. */
    Record read() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        byte[] content = Files.readAllBytes(file);
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(content));
        try {
            return new Record(required(properties, "request.id"), Long.parseLong(required(properties, "snapshot.id")),
                    Step.valueOf(required(properties, "step")), getList(properties, "certificate"),
                    getList(properties, "application"), getList(properties, "factory"));
        } catch (IllegalArgumentException e) {
            throw new IOException("the journal " + file + " is damaged: " + e.getMessage());
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value;
    }

    private static List<String> getList(Properties properties, String key) {
        int count = Integer.parseInt(properties.getProperty(key + ".count", "0"));
        if (count < 0 || count > 1000) {
            throw new IllegalArgumentException(key + ".count is out of range");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(required(properties, key + "." + i));
        }
        return values;
    }

    /** True when a run left its record. */
    boolean exists() {
        return Files.exists(file);
    }

    /** The run is over, one way or the other. */
    void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
