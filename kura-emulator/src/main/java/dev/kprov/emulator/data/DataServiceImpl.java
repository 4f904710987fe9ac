package dev.kprov.emulator.data;

import java.util.List;
import java.util.Map;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraStoreException;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.data.DataService;
import org.eclipse.kura.data.DataTransportService;
import org.eclipse.kura.data.listener.DataServiceListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kura's DataService over the DataTransportService chosen by {@code DataTransportService.target}.
 * <ul>
 * <li>With {@code connect.auto-on-startup} on, it connects by itself on its own thread,
 * {@code kprov-emulator-data}, after activation and after a configuration change of itself or of the
 * transport, retries every {@code connect.retry-interval} seconds until connected, and reconnects after a
 * lost connection. Off, it connects only on {@link #connect()}.</li>
 * <li>{@link #publish} stores the message in memory (bounded by {@code store.capacity},
 * {@code maximum.payload.size} and 64 MiB in all) and returns its id; stored messages are published in
 * priority order (lower first) while connected, so publishing is best effort: what is stored when the
 * component is deactivated is lost. QoS 1 and 2 messages not confirmed when a connection ends are published
 * again on the next one, unless {@code in-flight-messages.republish-on-new-session} is off.</li>
 * <li>Listeners are told on the DataService's thread, in order: connection established, disconnecting,
 * disconnected, connection lost, message arrived, published and confirmed. {@link #connect()} may return
 * before {@code onConnectionEstablished} is told.</li>
 * <li>Deactivation gives up an attempt in progress and disconnects; every thread ends.</li>
 * </ul>
 */
@Component(name = DataServiceImpl.PID, configurationPid = DataServiceImpl.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = { DataService.class, ConfigurableComponent.class },
        property = { "kura.service.pid=" + DataServiceImpl.PID, "service.pid=" + DataServiceImpl.PID,
                "kura.ui.service.hide:Boolean=true" })
@Designate(ocd = DataServiceConfig.class)
public final class DataServiceImpl implements DataService, ConfigurableComponent {

    /** Kura's PID, component name and {@code kura.service.pid} of the DataService. */
    public static final String PID = "org.eclipse.kura.data.DataService";
    /** The transport reference; its target is set with {@code DataTransportService.target}. */
    public static final String TRANSPORT_REFERENCE = "DataTransportService";
    /** Kura's default target of that reference: the MQTT transport. */
    public static final String TRANSPORT_TARGET =
            "(kura.service.pid=org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport)";

    private static final Logger LOG = LoggerFactory.getLogger(DataServiceImpl.class);

    private final DataTransportService transport;
    private final DataServiceListeners listeners = new DataServiceListeners(PID);
    private final MessageStore store;
    private final ConnectionKeeper keeper;
    private volatile DataServiceOptions options;

    /** For DS and plain Java alike: the DataService over {@code transport}, configured with {@code properties}. */
    @Activate
    public DataServiceImpl(@Reference(name = TRANSPORT_REFERENCE, target = TRANSPORT_TARGET)
            DataTransportService transport, Map<String, Object> properties) {
        this.transport = transport;
        DataServiceOptions read;
        try {
            read = DataServiceOptions.read(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: invalid configuration, Kura's defaults apply until it is updated: {}", PID, e.getMessage());
            read = DataServiceOptions.defaults();
        }
        this.options = read;
        this.store = new MessageStore(read.storeCapacity, read.maxPayloadSize);
        this.keeper = new ConnectionKeeper(PID, transport, listeners, store, read);
        LOG.info("{}: activated, {}", PID, read);
        keeper.start();
    }

    /** Applies a new configuration without blocking; an invalid one is refused and the previous one kept. */
    @Modified
    public void modified(Map<String, Object> properties) {
        DataServiceOptions next;
        try {
            next = DataServiceOptions.read(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("{}: configuration refused, the previous one stays: {}", PID, e.getMessage());
            return;
        }
        options = next;
        LOG.info("{}: configuration updated, {}", PID, next);
        keeper.reconfigure(next);
    }

    /** Disconnects and ends the DataService's thread, without waiting for either. */
    @Deactivate
    public void deactivate() {
        keeper.close(options.quiesceTimeoutSeconds * 1000L);
    }

    /**
     * Connects the transport now, on the caller's thread; nothing when connected. Never on an SCR thread:
     * it waits up to the transport's timeout.
     */
    @Override
    public void connect() throws KuraConnectException {
        keeper.connect();
    }

    @Override
    public boolean isConnected() {
        return transport.isConnected();
    }

    @Override
    public boolean isAutoConnectEnabled() {
        return options.autoConnect;
    }

    @Override
    public int getRetryInterval() {
        return options.retryIntervalSeconds;
    }

    /** Disconnects, waiting up to {@code quiesceTimeout} ms for work in progress; pauses auto-connect. */
    @Override
    public void disconnect(long quiesceTimeout) {
        keeper.disconnect(quiesceTimeout);
    }

    @Override
    public void subscribe(String topic, int qos) throws KuraException {
        transport.subscribe(topic, qos);
    }

    @Override
    public void unsubscribe(String topic) throws KuraException {
        transport.unsubscribe(topic);
    }

    /**
     * Stores the message and publishes it as soon as connected (see the class comment).
     *
     * @return the message's id, which listeners' {@code onMessagePublished} and {@code onMessageConfirmed} carry
     * @throws KuraStoreException when the message is invalid or the store is full, saying which
     */
    @Override
    public int publish(String topic, byte[] payload, int qos, boolean retain, int priority)
            throws KuraStoreException {
        if (topic == null || topic.isEmpty()) {
            throw new KuraStoreException("the topic is empty: not stored");
        }
        String concrete = topic.replace("#account-name", "a").replace("#client-id", "c");
        if (concrete.contains("+") || concrete.contains("#")) {
            throw new KuraStoreException("the topic '" + topic + "' has a wildcard: not stored");
        }
        if (qos < 0 || qos > 2) {
            throw new KuraStoreException("QoS must be 0, 1 or 2, not " + qos + ": not stored");
        }
        int id = store.add(topic, payload == null ? new byte[0] : payload, qos, retain, priority);
        keeper.publishSoon();
        return id;
    }

    @Override
    public List<Integer> getUnpublishedMessageIds(String topicRegex) throws KuraStoreException {
        return store.unpublishedIds(topicRegex);
    }

    @Override
    public List<Integer> getInFlightMessageIds(String topicRegex) throws KuraStoreException {
        return store.inFlightIds(topicRegex);
    }

    @Override
    public List<Integer> getDroppedInFlightMessageIds(String topicRegex) throws KuraStoreException {
        return store.droppedIds(topicRegex);
    }

    @Override
    public void addDataServiceListener(DataServiceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeDataServiceListener(DataServiceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "DataServiceImpl@" + Integer.toHexString(System.identityHashCode(this));
    }
}
