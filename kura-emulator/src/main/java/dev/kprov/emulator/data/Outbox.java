package dev.kprov.emulator.data;

import java.util.Optional;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraNotConnectedException;
import org.eclipse.kura.KuraTooManyInflightMessagesException;
import org.eclipse.kura.data.DataTransportService;
import org.eclipse.kura.data.DataTransportToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored messages to the transport while it is connected, and reports them published and confirmed.
 * Runs on the DataService's thread only, so a confirmation is always handled after the publication it
 * confirms.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final String pid;
    private final DataTransportService transport;
    private final MessageStore store;
    private final DataServiceListeners listeners;

    Outbox(String pid, DataTransportService transport, MessageStore store, DataServiceListeners listeners) {
        this.pid = pid;
        this.transport = transport;
        this.store = store;
        this.listeners = listeners;
    }

    /** Publishes what waits, in order, until none is left, the transport is busy or it is disconnected. */
    void drain() {
        while (transport.isConnected()) {
            Optional<MessageStore.Message> next = store.next();
            if (!next.isPresent()) {
                return;
            }
            MessageStore.Message message = next.get();
            try {
                DataTransportToken token = transport.publish(message.topic, message.payload, message.qos,
                        message.retain);
                if (token == null) {
                    store.remove(message);
                } else {
                    store.inFlight(message, token);
                }
                listeners.tell("message published", l -> l.onMessagePublished(message.id, message.topic));
            } catch (KuraTooManyInflightMessagesException | KuraNotConnectedException e) {
                // resumes on the next confirmation or connection
                LOG.debug("{}: publishing paused: {}", pid, e.getMessage());
                return;
            } catch (KuraException | RuntimeException e) {
                store.remove(message);
                LOG.warn("{}: message {} on {} dropped, the transport refused it: {}", pid, message.id, message.topic,
                        e.getMessage());
            }
        }
    }

    /** The broker confirmed a QoS 1 or 2 message. */
    void confirmed(DataTransportToken token) {
        store.confirm(token).ifPresent(
                message -> listeners.tell("message confirmed", l -> l.onMessageConfirmed(message.id, message.topic)));
    }
}
