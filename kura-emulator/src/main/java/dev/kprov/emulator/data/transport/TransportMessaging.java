package dev.kprov.emulator.data.transport;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraNotConnectedException;
import org.eclipse.kura.KuraTimeoutException;
import org.eclipse.kura.KuraTooManyInflightMessagesException;
import org.eclipse.kura.data.DataTransportToken;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribe, unsubscribe and publish over the engine's connection, as Kura's transport does: topics have
 * {@code #account-name} and {@code #client-id} replaced, (un)subscribing waits for the broker's answer up
 * to the configured timeout, publishing does not wait and returns a token for QoS 1 and 2 only.
 */
final class TransportMessaging {

    private static final Logger LOG = LoggerFactory.getLogger(TransportMessaging.class);
    /** A SUBACK return code that refuses the subscription. */
    private static final int SUBSCRIPTION_REFUSED = 0x80;

    private final String pid;
    private final TransportEngine engine;

    TransportMessaging(String pid, TransportEngine engine) {
        this.pid = pid;
        this.engine = engine;
    }

    private PahoConnection connected() throws KuraNotConnectedException {
        PahoConnection c = engine.connection();
        if (c == null) {
            throw new KuraNotConnectedException(pid + " is not connected");
        }
        return c;
    }

    private static void checkTopic(String topic, int qos) throws KuraException {
        if (topic == null || topic.isEmpty()) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, "the topic is empty");
        }
        if (qos < 0 || qos > 2) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, "QoS must be 0, 1 or 2, not " + qos);
        }
    }

    void subscribe(String topic, int qos) throws KuraException {
        checkTopic(topic, qos);
        PahoConnection c = connected();
        String filter = c.options.topic(topic);
        try {
            IMqttToken token = c.subscribe(filter, qos);
            token.waitForCompletion(c.options.timeoutSeconds * 1000L);
            int[] granted = token.getGrantedQos();
            if (granted != null && granted.length > 0 && granted[0] == SUBSCRIPTION_REFUSED) {
                throw new KuraException(KuraErrorCode.SUBSCRIPTION_ERROR, "the broker refused the subscription to "
                        + filter);
            }
            LOG.info("{}: subscribed to {} with QoS {}", pid, filter, qos);
        } catch (MqttException e) {
            throw failure(e, "subscribing to " + filter);
        } catch (IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, e, "invalid topic filter " + filter);
        }
    }

    void unsubscribe(String topic) throws KuraException {
        checkTopic(topic, 0);
        PahoConnection c = connected();
        String filter = c.options.topic(topic);
        try {
            c.unsubscribe(filter).waitForCompletion(c.options.timeoutSeconds * 1000L);
            LOG.info("{}: unsubscribed from {}", pid, filter);
        } catch (MqttException e) {
            throw failure(e, "unsubscribing from " + filter);
        } catch (IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, e, "invalid topic filter " + filter);
        }
    }

    /** @return the token of a QoS 1 or 2 message, null for QoS 0 (Kura's contract) */
    DataTransportToken publish(String topic, byte[] payload, int qos, boolean retain) throws KuraException {
        checkTopic(topic, qos);
        PahoConnection c = connected();
        String name = c.options.topic(topic);
        try {
            IMqttDeliveryToken token = c.publish(name, payload == null ? new byte[0] : payload, qos, retain, engine);
            LOG.debug("{}: published message {} on {} with QoS {}", pid, token.getMessageId(), name, qos);
            return qos > 0 ? new DataTransportToken(token.getMessageId(), c.options.sessionId()) : null;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                throw new KuraTooManyInflightMessagesException(e, "too many messages in flight to publish on " + name);
            }
            throw failure(e, "publishing on " + name);
        } catch (IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, e, "invalid topic " + name);
        }
    }

    private KuraException failure(MqttException e, String what) {
        switch (e.getReasonCode()) {
        case MqttException.REASON_CODE_CLIENT_TIMEOUT:
            return new KuraTimeoutException(pid + ": no answer from the broker " + what, e);
        case MqttException.REASON_CODE_CLIENT_NOT_CONNECTED:
        case MqttException.REASON_CODE_CONNECTION_LOST:
            return new KuraNotConnectedException(e, pid + " lost its connection " + what);
        case MqttException.REASON_CODE_SUBSCRIBE_FAILED:
            return new KuraException(KuraErrorCode.SUBSCRIPTION_ERROR, e, "the broker refused " + what);
        default:
            return new KuraException(KuraErrorCode.CONNECTION_FAILED, e, pid + ": failed " + what + ": "
                    + ConnectFailures.describe(e));
        }
    }
}
