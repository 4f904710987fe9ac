package dev.kprov.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.kprov.platform.job.JobEvent;
import dev.kprov.platform.job.JobStatus;

/** Records what a platform reports, for tests to wait on in order. */
final class JobRecorder implements PlatformListener {

    private final BlockingQueue<JobEvent> jobs = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> files = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> removed = new LinkedBlockingQueue<>();

    @Override
    public void jobChanged(JobEvent event) {
        jobs.add(event);
    }

    @Override
    public void requestRemoved(String clientId) {
        removed.add(clientId);
    }

    @Override
    public void requestFileRejected(Path file, String problem) {
        files.add(file.getFileName() + ": " + problem);
    }

    /** The next job event of {@code clientId}, skipping other clients' events. */
    JobEvent next(String clientId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JobEvent event = jobs.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no job event for " + clientId + " within 10 s");
            }
            if (event.clientId().equals(clientId)) {
                return event;
            }
        }
    }

    /** Waits for {@code clientId}'s job to reach {@code status}; returns the statuses passed on the way. */
    List<JobStatus> until(String clientId, JobStatus status) throws InterruptedException {
        List<JobStatus> seen = new ArrayList<>();
        while (true) {
            JobEvent event = next(clientId);
            seen.add(event.status());
            if (event.status() == status) {
                return seen;
            }
        }
    }

    String nextRejection() throws InterruptedException {
        String rejection = files.poll(10, TimeUnit.SECONDS);
        if (rejection == null) {
            throw new AssertionError("no request file rejected within 10 s");
        }
        return rejection;
    }

    String nextRemoval() throws InterruptedException {
        String clientId = removed.poll(10, TimeUnit.SECONDS);
        if (clientId == null) {
            throw new AssertionError("no request removed within 10 s");
        }
        return clientId;
    }
}
