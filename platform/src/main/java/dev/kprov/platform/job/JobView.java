package dev.kprov.platform.job;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one job.
 *
 * @param attempts provision requests received for this job so far
 * @param deliveredRequestId the request id of the last package sent (a 200 reply), if any
 */
public record JobView(String clientId, JobStatus status, String detail, int attempts,
        Optional<String> deliveredRequestId, Instant updatedAt) {
}
