package dev.kprov.agent.fsm;

import java.util.function.Consumer;

import dev.kprov.agent.fsm.Events.Applied;
import dev.kprov.agent.fsm.Events.ApplyFailed;
import dev.kprov.agent.fsm.Events.Connected;
import dev.kprov.agent.fsm.Events.Delivered;
import dev.kprov.agent.fsm.Events.Event;
import dev.kprov.agent.fsm.Events.MessageArrived;
import dev.kprov.agent.fsm.Events.SessionFailed;
import dev.kprov.agent.fsm.Events.Subscribed;
import dev.kprov.agent.message.Notification;

/**
 * One attempt (PROTOCOL.md section 9): its number, its request, its session. Callbacks of its session and
 * of the apply port are turned into events tagged with its number, so that those of an aborted attempt
 * are recognised and ignored. Owned by the machine's owner thread.
 */
final class Attempt {

    final int number;
    Exchange.OutgoingRequest request;
    ProvisionSession session;

    Attempt(int number) {
        this.number = number;
    }

    /** Session callbacks, on Paho's threads: they only post. */
    SessionListener sessionListener(Consumer<Event> post) {
        return new SessionListener() {
            @Override
            public void connected() {
                post.accept(new Connected(number));
            }

            @Override
            public void subscribed() {
                post.accept(new Subscribed(number));
            }

            @Override
            public void delivered() {
                post.accept(new Delivered(number));
            }

            @Override
            public void messageArrived(String topic, byte[] payload) {
                post.accept(new MessageArrived(number, topic, payload));
            }

            @Override
            public void failed(ErrorCategory category, String message) {
                post.accept(new SessionFailed(number, category, message));
            }
        };
    }

    /** Apply callbacks, on any thread: they only post. */
    ApplyPort.Listener applyListener(Consumer<Event> post) {
        return new ApplyPort.Listener() {
            @Override
            public void applied() {
                post.accept(new Applied(number));
            }

            @Override
            public void failed(ErrorCategory category, String message) {
                post.accept(new ApplyFailed(number, category, message));
            }
        };
    }

    /** What applying may do with this attempt's connection; used on the owner thread. */
    ProvisionLink link(Exchange exchange) {
        return new ProvisionLink() {
            @Override
            public void notify(Notification.Status status, String message) {
                if (session != null) {
                    session.publish(request.notifyTopic(), exchange.notification(request, status, message));
                }
            }

            @Override
            public void disconnect() {
                closeSession();
            }
        };
    }

    /** Closes the session, if one is open. */
    void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
