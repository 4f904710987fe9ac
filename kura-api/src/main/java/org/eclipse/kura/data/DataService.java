package org.eclipse.kura.data;

import java.util.List;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraNotConnectedException;
import org.eclipse.kura.KuraStoreException;
import org.eclipse.kura.KuraTimeoutException;
import org.eclipse.kura.data.listener.DataServiceListener;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Kura's store-and-forward publishing service on top of a {@link DataTransportService}.
 */
@ProviderType
public interface DataService {

    void connect() throws KuraConnectException;

    boolean isConnected();

    boolean isAutoConnectEnabled();

    int getRetryInterval();

    void disconnect(long quiesceTimeout);

    void subscribe(String topic, int qos) throws KuraTimeoutException, KuraException, KuraNotConnectedException;

    void unsubscribe(String topic) throws KuraTimeoutException, KuraException, KuraNotConnectedException;

    int publish(String topic, byte[] payload, int qos, boolean retain, int priority) throws KuraStoreException;

    List<Integer> getUnpublishedMessageIds(String topicRegex) throws KuraStoreException;

    List<Integer> getInFlightMessageIds(String topicRegex) throws KuraStoreException;

    List<Integer> getDroppedInFlightMessageIds(String topicRegex) throws KuraStoreException;

    /** @since 1.0.8 */
    void addDataServiceListener(DataServiceListener listener);

    /** @since 1.0.8 */
    void removeDataServiceListener(DataServiceListener listener);
}
