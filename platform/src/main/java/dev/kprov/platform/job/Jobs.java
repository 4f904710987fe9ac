package dev.kprov.platform.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of all known requests, and the one place where a job's status changes ({@link #move}). Only
 * the platform's own thread calls it; listeners are told on that thread.
 */
public final class Jobs {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private static final class Job {
        JobStatus status = JobStatus.CREATED;
        String detail;
        int attempts;
        String deliveredRequestId;
        Instant updatedAt;
    }

    private final Clock clock;
    private final JobListener listener;
    private final Map<String, Job> jobs = new TreeMap<>();

    public Jobs(Clock clock, JobListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /** A new job at CREATED for a request just added or changed; replaces any job of that client id. */
    public void created(String clientId, String detail) {
        Job job = new Job();
        job.detail = detail;
        job.updatedAt = clock.instant();
        Job previous = jobs.put(clientId, job);
        LOG.info("{}: job {} -> CREATED ({})", clientId, previous == null ? "(new)" : previous.status, detail);
        tell(new JobEvent(clientId, previous == null ? Optional.empty() : Optional.of(previous.status),
                JobStatus.CREATED, detail, job.updatedAt));
    }

    public void removed(String clientId) {
        Job job = jobs.remove(clientId);
        if (job != null) {
            LOG.info("{}: job {} removed with its request", clientId, job.status);
        }
    }

    public Optional<JobView> view(String clientId) {
        Job job = jobs.get(clientId);
        return job == null ? Optional.empty() : Optional.of(view(clientId, job));
    }

    public List<JobView> views() {
        List<JobView> views = new ArrayList<>();
        jobs.forEach((clientId, job) -> views.add(view(clientId, job)));
        return views;
    }

    /** Counts a provision request; a job at CREATED or FAILED becomes STARTED. Returns the count. */
    public int attemptStarted(String clientId, String requestId) {
        Job job = require(clientId);
        job.attempts++;
        if (job.status == JobStatus.CREATED || job.status == JobStatus.FAILED) {
            move(clientId, job, JobStatus.STARTED, "request " + requestId + " (attempt " + job.attempts + ")");
        }
        return job.attempts;
    }

    public void failed(String clientId, String detail) {
        Job job = require(clientId);
        if (!job.status.isFinal()) {
            move(clientId, job, JobStatus.FAILED, detail);
        }
    }

    public void abandoned(String clientId, String detail) {
        Job job = require(clientId);
        if (!job.status.isFinal()) {
            move(clientId, job, JobStatus.ABANDONED, detail);
        }
    }

    public void completed(String clientId, String detail) {
        Job job = require(clientId);
        if (job.status != JobStatus.COMPLETED) {
            move(clientId, job, JobStatus.COMPLETED, detail);
        }
    }

    /** A 200 went out: remembers which request it answered, for notifications and completion. */
    public void packageSent(String clientId, String requestId) {
        Job job = require(clientId);
        job.deliveredRequestId = requestId;
        job.updatedAt = clock.instant();
    }

    /**
     * A progress notification (PROTOCOL.md section 8.1). Only one for the last package sent counts: the
     * agent's QoS 1 may redeliver old ones.
     */
    public boolean notified(String clientId, String requestId, JobStatus status, String detail) {
        Job job = jobs.get(clientId);
        if (job == null || !requestId.equals(job.deliveredRequestId) || job.status.isFinal()) {
            LOG.debug("{}: notification {} for request {} ignored (not the package in flight)", clientId, status,
                    requestId);
            return false;
        }
        if (job.status != status) {
            move(clientId, job, status, detail);
        }
        return true;
    }

    private Job require(String clientId) {
        Job job = jobs.get(clientId);
        if (job == null) {
            throw new IllegalStateException("no job for client id " + clientId);
        }
        return job;
    }

    /** The one place a job's status changes. */
    private void move(String clientId, Job job, JobStatus to, String detail) {
        JobStatus from = job.status;
        job.status = to;
        job.detail = detail;
        job.updatedAt = clock.instant();
        LOG.info("{}: job {} -> {} ({})", clientId, from, to, detail);
        tell(new JobEvent(clientId, Optional.of(from), to, detail, job.updatedAt));
    }

    private void tell(JobEvent event) {
        try {
            listener.jobChanged(event);
        } catch (RuntimeException e) {
            LOG.warn("{}: a job listener failed on {}", event.clientId(), event.status(), e);
        }
    }

    private static JobView view(String clientId, Job job) {
        return new JobView(clientId, job.status, job.detail == null ? "" : job.detail, job.attempts,
                Optional.ofNullable(job.deliveredRequestId), job.updatedAt);
    }
}
