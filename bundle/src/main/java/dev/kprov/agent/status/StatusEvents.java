package dev.kprov.agent.status;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;

import dev.kprov.agent.fsm.Status;
import dev.kprov.agent.fsm.StatusObserver;

/**
 * Posts each transition to EventAdmin on {@value #TOPIC}, so that other bundles (and tests) can follow
 * the agent without polling. Properties: {@value #PID}, {@value #STATE}, {@value #ATTEMPT} (Integer),
 * {@value #REQUEST_ID}, {@value #ERROR} (an error category or empty), {@value #MESSAGE} and
 * {@value #NEXT_ATTEMPT} (epoch ms, 0 when none is scheduled), and the standard {@code timestamp}. Posting is asynchronous and never blocks the machine. When no EventAdmin is
 * there the event is dropped: the log line of the transition remains.
 */
public final class StatusEvents implements StatusObserver {

    public static final String TOPIC = "dev/kprov/agent/STATE";
    public static final String PID = "pid";
    public static final String STATE = "state";
    public static final String ERROR = "error";
    public static final String MESSAGE = "message";
    public static final String ATTEMPT = "attempt";
    public static final String REQUEST_ID = "request.id";
    public static final String NEXT_ATTEMPT = "next.attempt";

    private final String pid;
    private final Supplier<EventAdmin> eventAdmin;

    public StatusEvents(String pid, Supplier<EventAdmin> eventAdmin) {
        this.pid = pid;
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void onStatus(Status status) {
        EventAdmin admin = eventAdmin.get();
        if (admin == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(PID, pid);
        properties.put(STATE, status.state().name());
        properties.put(ERROR, status.error() == null ? "" : status.error().name());
        properties.put(MESSAGE, status.message());
        properties.put(ATTEMPT, status.attempt());
        properties.put(REQUEST_ID, status.requestId());
        properties.put(NEXT_ATTEMPT, status.nextAttemptAt());
        properties.put(EventConstants.TIMESTAMP, System.currentTimeMillis());
        admin.postEvent(new Event(TOPIC, properties));
    }
}
