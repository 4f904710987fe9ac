package dev.kprov.platform.job;

/**
 * Told of every change of a job's status, on the platform's own thread and in order. It must return
 * quickly and not block; an exception it throws is logged and does not stop the platform.
 */
@FunctionalInterface
public interface JobListener {

    void jobChanged(JobEvent event);
}
