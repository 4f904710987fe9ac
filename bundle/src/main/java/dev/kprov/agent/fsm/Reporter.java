package dev.kprov.agent.fsm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells of each transition: one log line for a person ({@code pid: FROM -> TO}, a warning when it follows a
 * failure), the observer, and the latest status for whoever asks. An observer's failure is logged and
 * does not reach the machine.
 */
final class Reporter {

    private static final Logger logger = LoggerFactory.getLogger(Machine.class);

    private final String pid;
    private final StatusObserver observer;
    private volatile Status latest = new Status(State.DISABLED, 0, "", null, "", 0);

    Reporter(String pid, StatusObserver observer) {
        this.pid = pid;
        this.observer = observer;
    }

    void report(State from, Status status) {
        String origin = from == null ? "(start)" : from.name();
        State to = status.state();
        if (status.error() != null && (to == State.WAITING || to.isIdle())) {
            logger.warn("{}: {} -> {} after {}: {}", pid, origin, to, status.error(), status.message());
        } else {
            logger.info("{}: {} -> {}{}", pid, origin, to,
                    status.requestId().isEmpty() ? "" : " (" + status.requestId() + ")");
        }
        latest = status;
        try {
            observer.onStatus(status);
        } catch (RuntimeException e) {
            logger.warn("{}: status observer failed on {}", pid, status, e);
        }
    }

    Status latest() {
        return latest;
    }
}
