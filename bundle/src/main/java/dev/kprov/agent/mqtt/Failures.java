package dev.kprov.agent.mqtt;

import org.eclipse.paho.client.mqttv3.MqttException;

import dev.kprov.agent.fsm.ErrorCategory;

/** Paho's failures in words and categories a person can act on. Never quotes a credential. */
final class Failures {

    private Failures() {
    }

    /**
     * A refused CONNECT (return code 4 or 5) means no provision request matches these credentials yet:
     * retryable, since the request may be created later (PROTOCOL.md section 1).
     */
    static ErrorCategory connectCategory(Throwable failure) {
        if (failure instanceof MqttException) {
            int code = ((MqttException) failure).getReasonCode();
            if (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || code == MqttException.REASON_CODE_NOT_AUTHORIZED) {
                return ErrorCategory.BROKER_REFUSED;
            }
            if (code == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
                return ErrorCategory.TIMEOUT;
            }
        }
        return ErrorCategory.BROKER_UNREACHABLE;
    }

    /**
     * A SUBSCRIBE the broker answered with failure (0x80) is a refusal; one that never got its SUBACK because
     * the connection was lost or timed out is not: the broker was not reached.
     */
    static ErrorCategory subscribeCategory(Throwable failure) {
        if (failure instanceof MqttException) {
            int code = ((MqttException) failure).getReasonCode();
            if (code == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
                return ErrorCategory.BROKER_REFUSED;
            }
            if (code == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
                return ErrorCategory.TIMEOUT;
            }
        }
        return ErrorCategory.BROKER_UNREACHABLE;
    }

    static String connectMessage(String broker, Throwable failure) {
        if (connectCategory(failure) == ErrorCategory.BROKER_REFUSED) {
            return broker + " refused the credentials (no provision request matches them yet?): " + describe(failure);
        }
        return "cannot connect to " + broker + ": " + describe(failure);
    }

    /** The failure and its root cause, one line. */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "no reason given";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (root != failure) {
            text += " (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
