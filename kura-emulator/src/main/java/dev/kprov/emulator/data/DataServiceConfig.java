package dev.kprov.emulator.data;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The metatype of the DataService: Kura's ids, types and defaults for the settings the emulator honours
 * (Kura's {@code OSGI-INF/metatype/org.eclipse.kura.data.DataService.xml} has more: rate limits, the
 * H2 store, connection schedules). Method names map to ids: {@code $_$} is {@code -}, {@code _} is
 * {@code .}.
 */
@ObjectClassDefinition(id = DataServiceImpl.PID, name = "DataService",
        description = "Connects the gateway's MQTT transport, keeps it connected, and stores the messages to "
                + "publish while it is not (emulated, in memory).")
@interface DataServiceConfig {

    @AttributeDefinition(name = "Connect Auto-on-startup",
            description = "Connect on startup and after every configuration change, retry until connected, and "
                    + "reconnect when the connection is lost. Off: connect only when asked.")
    boolean connect_auto$_$on$_$startup() default false;

    @AttributeDefinition(name = "Connect Retry-interval", min = "1",
            description = "Seconds between two connection attempts while auto-connect is on and the broker "
                    + "cannot be reached.")
    int connect_retry$_$interval() default DataServiceOptions.DEFAULT_RETRY_INTERVAL;

    @AttributeDefinition(name = "Disconnect Quiesce-timeout", min = "0",
            description = "Seconds given to work in progress (messages in flight) before disconnecting on "
                    + "deactivation.")
    int disconnect_quiesce$_$timeout() default DataServiceOptions.DEFAULT_QUIESCE_TIMEOUT;

    @AttributeDefinition(name = "Store Capacity", min = "1",
            description = "Most messages kept waiting to be published; publishing more fails until some are "
                    + "sent.")
    int store_capacity() default DataServiceOptions.DEFAULT_STORE_CAPACITY;

    @AttributeDefinition(name = "In-flight Messages Republish-on-new-session",
            description = "Publish again, on the next connection, the QoS 1 and 2 messages whose delivery was "
                    + "not confirmed when the connection ended. Off: they are dropped.")
    boolean in$_$flight$_$messages_republish$_$on$_$new$_$session() default true;

    @AttributeDefinition(name = "Maximum Payload Size", min = "1",
            description = "Largest payload accepted for publishing, in bytes.")
    long maximum_payload_size() default DataServiceOptions.DEFAULT_MAX_PAYLOAD_SIZE;

    @AttributeDefinition(name = "DataTransportService Target Filter",
            description = "OSGi filter of the DataTransportService (MQTT transport) this DataService drives.")
    String DataTransportService_target() default DataServiceImpl.TRANSPORT_TARGET;
}
