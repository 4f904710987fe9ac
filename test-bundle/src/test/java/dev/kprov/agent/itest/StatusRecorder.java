package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/** Records the agent's status events (topic dev/kprov/agent/STATE) and lets a test wait for one. */
final class StatusRecorder implements EventHandler, AutoCloseable {

    static final String TOPIC = "dev/kprov/agent/STATE";
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final List<String> states = new ArrayList<>();
    private final ServiceRegistration<EventHandler> registration;
    private final long since = System.currentTimeMillis();

    StatusRecorder(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, TOPIC);
        registration = context.registerService(EventHandler.class, this, properties);
    }

    @Override
    public void handleEvent(Event event) {
        // EventAdmin delivers asynchronously: an event of before this recorder may still arrive.
        Object timestamp = event.getProperty(EventConstants.TIMESTAMP);
        if (!(timestamp instanceof Long) || (Long) timestamp >= since) {
            events.add(event);
        }
    }

    /** Waits for the next event in the given state, skipping others; fails after {@link #TIMEOUT}. */
    Event awaitState(String state) throws InterruptedException {
        return await(e -> state.equals(e.getProperty("state")), "state " + state);
    }

    Event await(Predicate<Event> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                return fail("no status event with " + what + " within " + TIMEOUT + "; seen " + seen);
            }
            seen.add(event.getProperty("state") + "/" + event.getProperty("error"));
            states.add((String) event.getProperty("state"));
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Waits for a failed attempt of the given category: WAITING for the next one, or FAILED. */
    Event awaitFailure(String category) throws InterruptedException {
        return await(e -> category.equals(e.getProperty("error"))
                && ("WAITING".equals(e.getProperty("state")) || "FAILED".equals(e.getProperty("state"))),
                "a failed attempt of category " + category);
    }

    /**
     * Asserts how the attempt began: its states, from its first WAITING on, as taken so far by the await
     * methods. Whether the agent's start-up (RECOVERING) is seen depends on whether the component activated
     * before or after this recorder was registered, so it is left out.
     */
    void assertAttemptBegan(List<String> expected) {
        List<String> attempt = attemptStates();
        assertEquals(expected, attempt.subList(0, Math.min(expected.size(), attempt.size())), "phases seen: " + seen);
    }

    /** The states taken so far from the first WAITING on (see {@link #assertAttemptBegan}). */
    List<String> attemptStates() {
        return new ArrayList<>(states.subList(Math.max(0, states.indexOf("WAITING")), states.size()));
    }

    /** The states of the events taken so far by the await methods, in order. */
    List<String> states() {
        return new ArrayList<>(states);
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
