package dev.kprov.platform.responder;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.paho.client.mqttv3.MqttException;

import dev.kprov.platform.pki.SignerIdentity;

/**
 * The responder: its MQTT session plus the handlers of requests and notifications. Messages arrive on
 * Paho's threads and are handled on {@code owner}, the platform's own thread.
 */
public final class ResponderService implements AutoCloseable {

    private final Responder session;

    private ResponderService(Responder session) {
        this.session = session;
    }

    /**
     * Connects to the broker and starts serving.
     *
     * @throws MqttException when the broker cannot be reached, refuses the credentials or a subscription
     */
    public static ResponderService start(BrokerConnection connection, String account, RequestBook book,
            SignerIdentity signer, ScheduledExecutorService owner, Clock clock, long timeoutMs) throws MqttException {
        Inbox inbox = new Inbox(account, book, signer, owner, clock);
        Responder session = Responder.create(connection, account, owner, inbox, timeoutMs);
        inbox.publishTo(session);
        session.start(timeoutMs);
        return new ResponderService(session);
    }

    /** Routes what arrives to the two handlers; replies go out through the session. */
    private static final class Inbox implements Responder.Inbox {

        private final RequestHandler requests;
        private final NotificationHandler notifications;
        private volatile Responder session;

        Inbox(String account, RequestBook book, SignerIdentity signer, ScheduledExecutorService owner, Clock clock) {
            this.requests = new RequestHandler(account, book, signer, owner, this::publish, clock);
            this.notifications = new NotificationHandler(account, book, requests);
        }

        void publishTo(Responder responder) {
            this.session = responder;
        }

        private void publish(String topic, byte[] payload) {
            session.publish(topic, payload);
        }

        @Override
        public void request(String topic, byte[] payload) {
            requests.onRequest(topic, payload);
        }

        @Override
        public void notification(String topic, byte[] payload) {
            notifications.onNotification(topic, payload);
        }
    }

    public String url() {
        return session.url();
    }

    @Override
    public void close() {
        session.close();
    }
}
