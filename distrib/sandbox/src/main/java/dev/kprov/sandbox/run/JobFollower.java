package dev.kprov.sandbox.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.kprov.platform.job.JobEvent;
import dev.kprov.platform.job.JobStatus;
import dev.kprov.sandbox.show.Summary;
import dev.kprov.sandbox.show.Timeline;

/** Follows one gateway's job on the platform: marks its statuses on the gateway's timeline, tells COMPLETED. */
final class JobFollower implements Consumer<JobEvent> {

    private final Timeline timeline;
    private final CountDownLatch completed = new CountDownLatch(1);
    private volatile JobStatus last;

    JobFollower(Timeline timeline) {
        this.timeline = timeline;
    }

    @Override
    public void accept(JobEvent event) {
        last = event.status();
        timeline.mark(Summary.JOB, event.status().name(), System.nanoTime());
        if (event.status() == JobStatus.COMPLETED) {
            completed.countDown();
        }
    }

    /** True when the job is COMPLETED within {@code timeout}. */
    boolean awaitCompleted(Duration timeout) throws InterruptedException {
        return completed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last status seen, or null. */
    JobStatus last() {
        return last;
    }
}
