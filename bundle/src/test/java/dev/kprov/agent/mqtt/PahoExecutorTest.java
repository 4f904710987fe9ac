package dev.kprov.agent.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The executor against a task shaped like Paho 1.2.5's connect task: it submits a loop while holding the
 * loop's lock, then polls with long sleeps until the loop runs. The polls here sleep a minute, so a test
 * that passes shows the executor ended them, not the clock.
 */
class PahoExecutorTest {

    private static final long POLL_MILLIS = 60_000;
    private final PahoExecutor executor = new PahoExecutor("kprov-mqtt-test");

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void aConnectTaskGoesOnAsSoonAsEachLoopItStartsRuns() throws Exception {
        CompletableFuture<Integer> started = new CompletableFuture<>();
        CountDownLatch loopsMayEnd = new CountDownLatch(1);
        executor.execute(() -> {
            int loops = 0;
            for (int i = 0; i < 3; i++) {
                startLikePaho(() -> await(loopsMayEnd));
                loops++;
            }
            started.complete(loops);
        });

        assertEquals(3, started.get(20, TimeUnit.SECONDS), "all three loops started");
        loopsMayEnd.countDown();
    }

    @Test
    void aThreadThatIsNotTheExecutorsIsNeverWoken() throws Exception {
        CountDownLatch loopRuns = new CountDownLatch(1);
        CountDownLatch outsiderMayGoOn = new CountDownLatch(1);
        AtomicInteger interrupts = new AtomicInteger();
        Thread outsider = new Thread(() -> {
            executor.submit(loopRuns::countDown);
            try {
                outsiderMayGoOn.await(60, TimeUnit.SECONDS); // a timed wait, as Paho's poll is
            } catch (InterruptedException e) {
                interrupts.incrementAndGet();
            }
        });
        outsider.start();
        assertTrue(loopRuns.await(20, TimeUnit.SECONDS));

        assertEquals(1, executor.getTaskCount(), "the loop only: no wake-up was scheduled for the outsider");
        outsiderMayGoOn.countDown();
        outsider.join(20_000);
        assertEquals(0, interrupts.get());
    }

    /** What CommsReceiver, CommsSender and CommsCallback.start do in Paho 1.2.5. */
    private void startLikePaho(Runnable loopBody) {
        Object lifecycle = new Object();
        boolean[] running = new boolean[1];
        synchronized (lifecycle) {
            executor.submit(() -> {
                synchronized (lifecycle) {
                    running[0] = true;
                }
                loopBody.run();
            });
        }
        while (true) {
            synchronized (lifecycle) {
                if (running[0]) {
                    return;
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (Exception e) {
                // Paho ignores it and checks again
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
