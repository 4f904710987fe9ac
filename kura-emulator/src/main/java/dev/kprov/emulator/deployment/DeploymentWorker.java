package dev.kprov.emulator.deployment;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.osgi.service.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one worker thread and its queue: installs and uninstalls run one at a time, in the order
 * asked. A URL is "being installed" (a name "being uninstalled") from the call until just before its
 * event is posted, so a listener may ask again for the same URL; a second call meanwhile is refused, as
 * in Kura. On {@link #shutdown()} the running job is interrupted and each queued one is reported as a
 * failure event.
 */
final class DeploymentWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentWorker.class);

    private final ExecutorService executor;
    private final Installer installer;
    private final Consumer<Event> events;
    private final Set<String> installing = ConcurrentHashMap.newKeySet();
    private final Set<String> uninstalling = ConcurrentHashMap.newKeySet();

    DeploymentWorker(Installer installer, Consumer<Event> events) {
        this.installer = installer;
        this.events = events;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, DeploymentAgent.THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
    }

    void install(String url) throws KuraException {
        requireText("url", url);
        if (!installing.add(url)) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST,
                    "the deployment package at " + Urls.shown(url) + " is already being installed");
        }
        enqueue(new Job(true, url));
    }

    void uninstall(String name) throws KuraException {
        requireText("name", name);
        if (!uninstalling.add(name)) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST,
                    "the deployment package '" + name + "' is already being uninstalled");
        }
        enqueue(new Job(false, name));
    }

    boolean isInstalling(String url) {
        return url != null && installing.contains(url);
    }

    boolean isUninstalling(String name) {
        return name != null && uninstalling.contains(name);
    }

    /** Queues the reinstall of recorded packages that DeploymentAdmin does not have, as Kura does at start. */
    void reinstallRecorded() {
        try {
            executor.execute(this::queueMissing);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: stopped before the recorded packages could be reinstalled", DeploymentAgent.PID);
        }
    }

    private void queueMissing() {
        Map<String, String> missing;
        try {
            missing = installer.missing();
        } catch (KuraException e) {
            LOG.warn("{}: no package reinstalled: {}", DeploymentAgent.PID, e.getMessage());
            return;
        }
        for (Map.Entry<String, String> entry : missing.entrySet()) {
            String url = entry.getValue();
            if (!url.regionMatches(true, 0, "file:", 0, 5)) {
                // Kura reinstalls only local files (SECURITY_EXCEPTION "Only local file are allowed.").
                events.accept(AgentEvents.installed(url, null, null, new KuraException(KuraErrorCode.SECURITY_EXCEPTION,
                        "the record of '" + entry.getKey() + "' is " + Urls.shown(url)
                                + ", not a file: URL; only local copies are reinstalled")));
                continue;
            }
            LOG.info("{}: reinstalling {} from {}", DeploymentAgent.PID, entry.getKey(), Urls.shown(url));
            try {
                install(url);
            } catch (KuraException e) {
                LOG.info("{}: {} not reinstalled: {}", DeploymentAgent.PID, entry.getKey(), e.getMessage());
            }
        }
    }

    private void enqueue(Job job) throws KuraException {
        try {
            executor.execute(job);
        } catch (RejectedExecutionException e) {
            job.keys().remove(job.key);
            throw new KuraException(KuraErrorCode.SERVICE_UNAVAILABLE,
                    "the deployment agent is stopped; " + job.describe() + " refused");
        }
    }

    /** Interrupts the running job and reports each queued one as failed; returns at once. */
    void shutdown() {
        List<Runnable> dropped = executor.shutdownNow();
        for (Runnable task : dropped) {
            if (task instanceof Job) {
                ((Job) task).abandon();
            }
        }
    }

    private static void requireText(String what, String value) throws KuraException {
        if (value == null || value.trim().isEmpty()) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, "the deployment package " + what + " is "
                    + (value == null ? "null" : "blank"));
        }
    }

    /** One queued install ({@code key} is the URL) or uninstall ({@code key} is the name). */
    private final class Job implements Runnable {

        private final boolean install;
        private final String key;

        Job(boolean install, String key) {
            this.install = install;
            this.key = key;
        }

        Set<String> keys() {
            return install ? installing : uninstalling;
        }

        String describe() {
            return install ? "install of " + Urls.shown(key) : "uninstall of '" + key + "'";
        }

        @Override
        public void run() {
            Event event;
            try {
                event = install ? installer.install(key) : installer.uninstall(key);
            } finally {
                keys().remove(key);
            }
            events.accept(event);
        }

        void abandon() {
            keys().remove(key);
            KuraException stopped = new KuraException(KuraErrorCode.SERVICE_UNAVAILABLE,
                    "the deployment agent stopped before the " + describe() + " could run");
            events.accept(install ? AgentEvents.installed(key, null, null, stopped)
                    : AgentEvents.uninstalled(key, null, stopped));
        }
    }
}
