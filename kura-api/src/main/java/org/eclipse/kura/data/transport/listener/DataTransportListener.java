package org.eclipse.kura.data.transport.listener;

import org.eclipse.kura.data.DataTransportToken;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Listener of {@code org.eclipse.kura.data.DataTransportService} events.
 *
 * @since 1.0.8
 */
@ConsumerType
public interface DataTransportListener {

    void onConnectionEstablished(boolean newSession);

    void onDisconnecting();

    void onDisconnected();

    void onConfigurationUpdating(boolean wasConnected);

    void onConfigurationUpdated(boolean wasConnected);

    void onConnectionLost(Throwable cause);

    void onMessageArrived(String topic, byte[] payload, int qos, boolean retained);

    void onMessageConfirmed(DataTransportToken token);
}
