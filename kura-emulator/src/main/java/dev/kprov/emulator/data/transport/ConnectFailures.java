package dev.kprov.emulator.data.transport;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * A failed CONNECT in words a person can act on: refused credentials, a TLS failure, an unreachable broker,
 * no answer in time. The message names the broker, the user name and the client id, never the password.
 */
final class ConnectFailures {

    /** Why a connection attempt was given up by the transport itself (timeout, disconnect, update, deactivation). */
    static final class Abandoned extends Exception {
        private static final long serialVersionUID = 1L;

        Abandoned(String reason) {
            super(reason, null, false, false);
        }
    }

    private ConnectFailures() {
    }

    static boolean refused(Throwable failure) {
        if (failure instanceof MqttException) {
            int code = ((MqttException) failure).getReasonCode();
            return code == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || code == MqttException.REASON_CODE_NOT_AUTHORIZED;
        }
        return false;
    }

    static KuraConnectException toException(TransportOptions options, Throwable failure) {
        return new KuraConnectException(failure, describe(options, failure));
    }

    static String describe(TransportOptions options, Throwable failure) {
        String broker = options.broker.pahoUri();
        if (refused(failure)) {
            return broker + " refused the credentials of user '" + options.username + "' (client id '"
                    + options.clientId + "'): " + oneLine(failure) + " (MQTT return code "
                    + ((MqttException) failure).getReasonCode() + ")";
        }
        if (failure instanceof Abandoned) {
            return "connection to " + broker + " abandoned: " + failure.getMessage();
        }
        Throwable tls = find(failure, SSLException.class);
        if (tls != null) {
            return "the TLS handshake with " + broker + " failed: " + oneLine(tls);
        }
        if (find(failure, UnknownHostException.class) != null) {
            return "cannot reach " + broker + ": unknown host";
        }
        Throwable unreachable = find(failure, ConnectException.class);
        if (unreachable == null) {
            unreachable = find(failure, NoRouteToHostException.class);
        }
        if (unreachable != null) {
            return "cannot reach " + broker + ": " + oneLine(unreachable);
        }
        if (failure instanceof MqttException
                && ((MqttException) failure).getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
            return "no answer from " + broker + " within " + options.timeoutSeconds + " s";
        }
        return "cannot connect to " + broker + ": " + describe(failure);
    }

    /** The failure and its root cause on one line. */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "no reason given";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = oneLine(failure);
        if (root != failure) {
            text += " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + oneLine(root))
                    + ")";
        }
        return text;
    }

    private static String oneLine(Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
