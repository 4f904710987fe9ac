package dev.kprov.emulator.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.deployment.agent.DeploymentAgentService;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An EventAdmin that queues what it is given, for tests to wait on in order. */
final class EventQueue implements EventAdmin {

    private static final long TIMEOUT_SECONDS = 10;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void postEvent(Event event) {
        events.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        events.add(event);
    }

    /** The next event, waiting up to 10 s. */
    Event next() throws InterruptedException {
        Event event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + TIMEOUT_SECONDS + " s");
        }
        return event;
    }

    Event nextInstalled() throws InterruptedException {
        Event event = next();
        assertEquals(DeploymentAgentService.EVENT_INSTALLED_TOPIC, event.getTopic());
        return event;
    }

    Event nextUninstalled() throws InterruptedException {
        Event event = next();
        assertEquals(DeploymentAgentService.EVENT_UNINSTALLED_TOPIC, event.getTopic());
        return event;
    }
}
