package dev.kprov.bench.fleet;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Peak thread count (all, and the agents': owner threads and Paho's) and peak used heap, every 100 ms. */
final class Sampler {

    record Peaks(int threads, int agentThreads, double heapMb) {
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "kprov-bench-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int threads;
    private volatile int agentThreads;
    private volatile double heapMb;

    static Sampler start() {
        Sampler sampler = new Sampler();
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, 100, TimeUnit.MILLISECONDS);
        return sampler;
    }

    /**
     * Counts threads by enumerating them, not with {@code Thread.getAllStackTraces()}: that is a stop-the-world
     * thread dump, and with thousands of threads, ten a second cost the run about 5 ms of pause each.
     */
    private void sample() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] live = new Thread[root.activeCount() * 2 + 16];
        int all = root.enumerate(live, true);
        int agents = 0;
        for (int i = 0; i < all; i++) {
            String name = live[i].getName();
            // Not the platform's own Paho threads ("MQTT Rec: kprov-responder-..."), two or four of them.
            if (name.startsWith("kprov-agent") || name.startsWith("kprov-mqtt")
                    || (name.startsWith("MQTT ") && !name.contains(": kprov-"))) {
                agents++;
            }
        }
        threads = Math.max(threads, all);
        agentThreads = Math.max(agentThreads, agents);
        heapMb = Math.max(heapMb, Fleet.heapMb());
    }

    Peaks stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        sample();
        return new Peaks(threads, agentThreads, heapMb);
    }
}
