package dev.kprov.platform;

import java.nio.file.Path;

import dev.kprov.platform.job.JobEvent;
import dev.kprov.platform.job.JobListener;
import dev.kprov.platform.request.ProvisionRequestSpec;

/**
 * Told what happens in a running platform, on the platform's own thread and in order. Every method has
 * an empty default. Implementations return quickly; an exception is logged and ignored.
 */
public interface PlatformListener extends JobListener {

    @Override
    default void jobChanged(JobEvent event) {
    }

    /** A request was added, from the API or a file (also when a file changed). */
    default void requestAdded(ProvisionRequestSpec request) {
    }

    /** A request was withdrawn: removed through the API, its file deleted or now bad. */
    default void requestRemoved(String clientId) {
    }

    /**
     * With admission by Mosquitto's dynamic security: Mosquitto confirmed that it now admits
     * ({@code admitted}), or no longer admits, {@code username} connecting as {@code clientId}: the provision
     * credentials of a request, or the account credentials of a delivered package.
     */
    default void admissionApplied(String clientId, String username, boolean admitted) {
    }

    /** A request file cannot be used; it is skipped until it changes. {@code problem} is one line. */
    default void requestFileRejected(Path file, String problem) {
    }
}
