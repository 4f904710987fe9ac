package org.eclipse.kura.data;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraNotConnectedException;
import org.eclipse.kura.KuraTimeoutException;
import org.eclipse.kura.KuraTooManyInflightMessagesException;
import org.eclipse.kura.data.transport.listener.DataTransportListener;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The transport (MQTT in Kura) under a {@link DataService}.
 */
@ProviderType
public interface DataTransportService {

    void connect() throws KuraConnectException;

    boolean isConnected();

    String getBrokerUrl();

    String getAccountName();

    String getUsername();

    String getClientId();

    void disconnect(long quiesceTimeout);

    void subscribe(String topic, int qos) throws KuraTimeoutException, KuraException, KuraNotConnectedException;

    void unsubscribe(String topic) throws KuraTimeoutException, KuraException, KuraNotConnectedException;

    DataTransportToken publish(String topic, byte[] payload, int qos, boolean retain)
            throws KuraTooManyInflightMessagesException, KuraException, KuraNotConnectedException;

    /** @since 1.0.8 */
    void addDataTransportListener(DataTransportListener listener);

    /** @since 1.0.8 */
    void removeDataTransportListener(DataTransportListener listener);
}
