package dev.kprov.platform.broker;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands to Mosquitto's dynamic security and their answers, matched by correlation id: a failed command
 * is logged with its name and the client id it is about (never its password), then handed to whoever sent
 * it. Only the platform's thread uses it.
 */
final class DynsecChannel {

    private static final Logger LOG = LoggerFactory.getLogger(DynsecChannel.class);

    private final ControlSession session;
    private final Map<String, DynsecCommands.Pending> inFlight = new HashMap<>();
    private long correlation;

    DynsecChannel(ControlSession session) {
        this.session = session;
    }

    DynsecCommands.Batch batch() {
        return new DynsecCommands.Batch(() -> "kprov-" + (++correlation));
    }

    /** Sends a batch; when the session is down it is dropped (everything is sent again once it is back). */
    void send(DynsecCommands.Batch batch) {
        if (batch.isEmpty()) {
            return;
        }
        inFlight.putAll(batch.pending());
        if (!session.send(batch.payload())) {
            batch.pending().keySet().forEach(inFlight::remove);
            LOG.warn("dynamic security: {} not sent, the session to {} is down", batch, session.url());
        }
    }

    /** The session was lost: no answer to what was in flight will come. */
    void forget() {
        inFlight.clear();
    }

    /** One message on the response topic. */
    void answer(byte[] payload) {
        List<DynsecCommands.Response> answers;
        try {
            answers = DynsecCommands.parse(payload);
        } catch (IOException e) {
            LOG.warn("dynamic security: unreadable answer ignored: {}", e.getMessage());
            return;
        }
        for (DynsecCommands.Response answer : answers) {
            DynsecCommands.Pending pending = inFlight.remove(answer.correlationData());
            if (pending == null) {
                LOG.debug("dynamic security: answer {} to {} is not ours", answer.correlationData(), answer.command());
                continue;
            }
            if (answer.error().isPresent()) {
                if (pending.command().startsWith("delete") && answer.notFound()) {
                    LOG.debug("dynamic security: {} for {}: already gone", pending.command(), pending.subject());
                } else {
                    LOG.warn("dynamic security: {} for client {} failed: {}", pending.command(), pending.subject(),
                            answer.error().get());
                }
            }
            pending.then().accept(answer);
        }
    }
}
