package dev.kprov.emulator.data.transport;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.data.DataTransportService;
import org.eclipse.kura.data.DataTransportToken;
import org.eclipse.kura.data.transport.listener.DataTransportListener;
import org.eclipse.kura.ssl.SslManagerService;
import org.eclipse.kura.system.SystemService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Kura's MQTT data transport over Eclipse Paho, as a gateway's cloud connection uses it.
 * <ul>
 * <li>{@link #connect()} connects with the current configuration, waiting up to its {@code timeout}; it is
 * meant for the DataService's thread, never an SCR thread. A refused login, a TLS failure, an unreachable
 * broker and no answer each give a {@link KuraConnectException} saying so, never quoting the password.
 * Connecting while connected is an {@link IllegalStateException}, as in Kura.</li>
 * <li>{@code mqtts://}, {@code ssl://} and {@code wss://} go through the SslManagerService bound by
 * {@code SslManagerService.target}, with the server's host name verified.</li>
 * <li>The password arrives encrypted by the CryptoService; one that does not decrypt is used as given, with
 * a warning (Kura's behaviour).</li>
 * <li>A configuration update tells the listeners {@code onConfigurationUpdating}, closes a connection made
 * with the old configuration, applies the new one and tells {@code onConfigurationUpdated}; reconnecting is
 * the DataService's part, as in Kura.</li>
 * <li>Listeners, added with {@link #addDataTransportListener} or registered as services, are told on the
 * transport's own thread, in order.</li>
 * </ul>
 */
@Component(name = MqttDataTransport.PID, configurationPid = MqttDataTransport.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = { DataTransportService.class, ConfigurableComponent.class },
        property = { "kura.service.pid=" + MqttDataTransport.PID, "service.pid=" + MqttDataTransport.PID,
                "kura.ui.service.hide:Boolean=true" })
@Designate(ocd = MqttDataTransportConfig.class)
public final class MqttDataTransport implements DataTransportService, ConfigurableComponent {

    /** Kura's PID, component name and {@code kura.service.pid} of the MQTT transport. */
    public static final String PID = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    /** The SslManagerService reference; its target is set with {@code SslManagerService.target}. */
    public static final String SSL_MANAGER_REFERENCE = "SslManagerService";
    /** Kura's default target of that reference. */
    public static final String SSL_MANAGER_TARGET = "(kura.service.pid=org.eclipse.kura.ssl.SslManagerService)";

    private final SystemService system;
    private final CryptoService crypto;
    private final AtomicReference<SslManagerService> sslManager = new AtomicReference<>();
    private final TransportListeners listeners;
    private final TransportEngine engine;
    private final TransportMessaging messaging;

    /** For DS and plain Java alike: the transport configured with {@code properties} (Kura's defaults if empty). */
    @Activate
    public MqttDataTransport(@Reference(name = "SystemService") SystemService system,
            @Reference(name = "CryptoService") CryptoService crypto,
            Map<String, Object> properties) {
        this.system = system;
        this.crypto = crypto;
        this.listeners = new TransportListeners(PID);
        this.engine = new TransportEngine(PID, TransportOptions.read(PID, properties, crypto, system), listeners,
                sslManager::get);
        this.messaging = new TransportMessaging(PID, engine);
    }

    @Reference(name = SSL_MANAGER_REFERENCE, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, target = SSL_MANAGER_TARGET)
    public void setSslManagerService(SslManagerService sslManagerService) {
        sslManager.set(sslManagerService);
    }

    public void unsetSslManagerService(SslManagerService sslManagerService) {
        sslManager.compareAndSet(sslManagerService, null);
    }

    /** Applies a new configuration without blocking (see the class comment). */
    @Modified
    public void modified(Map<String, Object> properties) {
        engine.reconfigure(TransportOptions.read(PID, properties, crypto, system));
    }

    /** Sends DISCONNECT when connected, without waiting; every thread of the transport ends soon after. */
    @Deactivate
    public void deactivate() {
        engine.close();
    }

    @Override
    public void connect() throws KuraConnectException {
        engine.connect();
    }

    @Override
    public boolean isConnected() {
        return engine.isConnected();
    }

    /** The broker URL in Paho's form ({@code tcp://}, {@code ssl://}), as Kura's; empty when invalid. */
    @Override
    public String getBrokerUrl() {
        TransportOptions options = engine.options();
        return options.broker == null ? "" : options.broker.pahoUri();
    }

    @Override
    public String getAccountName() {
        return engine.options().accountName;
    }

    @Override
    public String getUsername() {
        return engine.options().username;
    }

    @Override
    public String getClientId() {
        return engine.options().clientId;
    }

    /** Sends DISCONNECT, waiting up to {@code quiesceTimeout} ms plus the configured timeout. */
    @Override
    public void disconnect(long quiesceTimeout) {
        engine.disconnect(quiesceTimeout);
    }

    @Override
    public void subscribe(String topic, int qos) throws KuraException {
        messaging.subscribe(topic, qos);
    }

    @Override
    public void unsubscribe(String topic) throws KuraException {
        messaging.unsubscribe(topic);
    }

    /** @return the token for QoS 1 and 2, whose confirmation listeners are told; null for QoS 0, as Kura */
    @Override
    public DataTransportToken publish(String topic, byte[] payload, int qos, boolean retain) throws KuraException {
        return messaging.publish(topic, payload, qos, retain);
    }

    @Override
    @Reference(name = "DataTransportListener", service = DataTransportListener.class,
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeDataTransportListener")
    public void addDataTransportListener(DataTransportListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeDataTransportListener(DataTransportListener listener) {
        listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "MqttDataTransport@" + Integer.toHexString(System.identityHashCode(this));
    }
}
