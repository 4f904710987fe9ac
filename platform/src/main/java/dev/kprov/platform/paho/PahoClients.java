package dev.kprov.platform.paho;

import java.util.function.Consumer;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the platform's own Paho sessions (the responder, dynamic security's control session) share. */
public final class PahoClients {

    private static final Logger LOG = LoggerFactory.getLogger(PahoClients.class);

    private PahoClients() {
    }

    /** Paho's action listener as two lambdas; {@code success} may be null. */
    public static IMqttActionListener listener(Consumer<IMqttToken> success, Consumer<Throwable> failure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                if (success != null) {
                    success.accept(token);
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                failure.accept(cause);
            }
        };
    }

    /**
     * Disconnects, waiting {@code timeoutMs} at most, and closes the client. Under load the DISCONNECT may not
     * complete in time; the client is then neither connected nor closed, and close() alone would refuse, leaving
     * Paho's (non-daemon) threads running: so it is then disconnected forcibly first.
     *
     * @param what the session, for the log
     */
    public static void close(MqttAsyncClient client, long timeoutMs, String what) {
        try {
            if (client.isConnected()) {
                client.disconnect(timeoutMs).waitForCompletion(timeoutMs);
            }
        } catch (MqttException e) {
            LOG.debug("{}: disconnect: {}", what, e.toString());
            try {
                client.disconnectForcibly(0, timeoutMs, false);
            } catch (MqttException forced) {
                LOG.debug("{}: forced disconnect: {}", what, forced.toString());
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.warn("{}: close: {}; Paho's threads may outlive the platform", what, e.toString());
        }
    }
}
