package dev.kprov.emulator.configuration;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.system.SystemService;
import org.osgi.framework.BundleContext;

/**
 * The snapshots folder, looked up on each use as Kura does: {@code SystemService.getKuraSnapshotsDirectory()},
 * else the framework property {@code kura.snapshots}, else {@value #DATA_FOLDER} in this bundle's data area.
 * A SystemService answer of {@link SystemService#UNKNOWN} counts as none.
 */
final class SnapshotsFolder implements SnapshotFiles.Folder {

    /** The folder in this bundle's data area when no other folder is configured. */
    static final String DATA_FOLDER = "snapshots";

    private final SystemService system;
    private final BundleContext context;

    SnapshotsFolder(SystemService system, BundleContext context) {
        this.system = system;
        this.context = context;
    }

    @Override
    public Path get() throws KuraException {
        try {
            String configured = system.getKuraSnapshotsDirectory();
            if (usable(configured)) {
                return Path.of(configured.trim());
            }
            configured = context.getProperty(SystemService.KEY_KURA_SNAPSHOTS_DIR);
            if (usable(configured)) {
                return Path.of(configured.trim());
            }
        } catch (InvalidPathException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, "the snapshots folder is not a valid path");
        }
        File data = context.getDataFile(DATA_FOLDER);
        if (data == null) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, "no snapshots folder: SystemService gives none, "
                    + SystemService.KEY_KURA_SNAPSHOTS_DIR + " is not set and this bundle has no data area");
        }
        return data.toPath();
    }

    /** The folder for a log line: its path, or why there is none. */
    String describe() {
        try {
            return get().toString();
        } catch (KuraException e) {
            return "no folder (" + e.getMessage() + ")";
        }
    }

    private static boolean usable(String folder) {
        return folder != null && !folder.trim().isEmpty() && !SystemService.UNKNOWN.equals(folder.trim());
    }
}
