package dev.kprov.platform.job;

import java.time.Instant;
import java.util.Optional;

/**
 * One change of a job's status. {@code previous} is empty for a new job. {@code detail} is one line for
 * a person (a request id, a response code and its reason, a notification message); never a secret.
 */
public record JobEvent(String clientId, Optional<JobStatus> previous, JobStatus status, String detail, Instant at) {

    /** {@code job <client-id> <STATUS> <detail>}, as the command line prints it. */
    public String toLine() {
        return "job " + clientId + " " + status + (detail.isEmpty() ? "" : " " + detail);
    }
}
