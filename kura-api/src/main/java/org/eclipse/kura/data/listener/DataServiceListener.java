package org.eclipse.kura.data.listener;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Listener of {@code org.eclipse.kura.data.DataService} events.
 *
 * @since 1.0.8
 */
@ConsumerType
public interface DataServiceListener {

    void onConnectionEstablished();

    void onDisconnecting();

    void onDisconnected();

    void onConnectionLost(Throwable cause);

    void onMessageArrived(String topic, byte[] payload, int qos, boolean retained);

    void onMessagePublished(int messageId, String topic);

    void onMessageConfirmed(int messageId, String topic);
}
