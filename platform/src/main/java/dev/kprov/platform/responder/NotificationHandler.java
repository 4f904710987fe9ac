package dev.kprov.platform.responder;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.agent.message.MessageException;
import dev.kprov.agent.message.Notification;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.Topics;
import dev.kprov.platform.job.JobStatus;

/**
 * Progress notifications (PROTOCOL.md section 8.1) turned into job status, on the platform's thread.
 * Best effort both ways: a malformed or stale notification is logged and dropped.
 */
final class NotificationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationHandler.class);

    private final String account;
    private final RequestBook book;
    private final RequestHandler requests;

    NotificationHandler(String account, RequestBook book, RequestHandler requests) {
        this.account = account;
        this.book = book;
        this.requests = requests;
    }

    void onNotification(String topic, byte[] wire) {
        Optional<String> clientId = clientIdOf(topic);
        if (clientId.isEmpty()) {
            LOG.debug("not a notification topic of account {}: {}", account, topic);
            return;
        }
        Topics topics = Topics.of(account, clientId.get());
        Optional<String> topicRequestId = topics.notifyRequestId(topic);
        Notification notification;
        try {
            notification = Notification.fromPayload(PayloadCodec.decode(wire));
        } catch (MessageException e) {
            LOG.warn("{}: notification on {} dropped: {}", clientId.get(), topic, e.getMessage());
            return;
        }
        if (topicRequestId.isEmpty() || !topicRequestId.get().equals(notification.requestId())) {
            LOG.warn("{}: notification dropped: its request.id is not the one of its topic {}", clientId.get(), topic);
            return;
        }
        if (book.request(clientId.get()).isEmpty()) {
            LOG.debug("{}: notification for an unknown request ignored", clientId.get());
            return;
        }
        JobStatus status = JobStatus.valueOf(notification.status().name());
        String detail = notification.exceptionMessage().orElse("request " + notification.requestId());
        if (book.jobs().notified(clientId.get(), notification.requestId(), status, detail)
                && status == JobStatus.FAILED) {
            requests.abandonIfUsedUp(clientId.get());
        }
    }

    /** {@code $EDC/{account}/{client-id}/PROV-V1/NOTIFY/{request.id}} */
    private Optional<String> clientIdOf(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length != 6 || !levels[0].equals("$EDC") || !levels[1].equals(account)
                || !levels[3].equals(Topics.APP_ID) || !levels[4].equals("NOTIFY") || levels[2].isEmpty()
                || levels[2].contains("+") || levels[2].contains("#")) {
            return Optional.empty();
        }
        return Optional.of(levels[2]);
    }
}
