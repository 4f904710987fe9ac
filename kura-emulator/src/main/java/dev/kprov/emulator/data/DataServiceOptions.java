package dev.kprov.emulator.data;

import java.util.Collections;
import java.util.Map;

/** The DataService's configuration, validated, with Kura's defaults for what is missing. */
final class DataServiceOptions {

    static final String AUTO_CONNECT = "connect.auto-on-startup";
    static final String RETRY_INTERVAL = "connect.retry-interval";
    static final String QUIESCE_TIMEOUT = "disconnect.quiesce-timeout";
    static final String STORE_CAPACITY = "store.capacity";
    static final String REPUBLISH_IN_FLIGHT = "in-flight-messages.republish-on-new-session";
    static final String MAX_PAYLOAD_SIZE = "maximum.payload.size";

    static final int DEFAULT_RETRY_INTERVAL = 60;
    static final int DEFAULT_QUIESCE_TIMEOUT = 10;
    static final int DEFAULT_STORE_CAPACITY = 10000;
    static final long DEFAULT_MAX_PAYLOAD_SIZE = 16L * 1024 * 1024;

    final boolean autoConnect;
    final int retryIntervalSeconds;
    final int quiesceTimeoutSeconds;
    final int storeCapacity;
    final boolean republishInFlight;
    final long maxPayloadSize;

    private DataServiceOptions(Map<String, ?> properties) {
        autoConnect = ConfigValues.bool(properties, AUTO_CONNECT, false);
        retryIntervalSeconds = ConfigValues.integer(properties, RETRY_INTERVAL, DEFAULT_RETRY_INTERVAL, 1, 86400);
        quiesceTimeoutSeconds = ConfigValues.integer(properties, QUIESCE_TIMEOUT, DEFAULT_QUIESCE_TIMEOUT, 0, 3600);
        storeCapacity = ConfigValues.integer(properties, STORE_CAPACITY, DEFAULT_STORE_CAPACITY, 1, 1_000_000);
        republishInFlight = ConfigValues.bool(properties, REPUBLISH_IN_FLIGHT, true);
        maxPayloadSize = ConfigValues.longValue(properties, MAX_PAYLOAD_SIZE, DEFAULT_MAX_PAYLOAD_SIZE, 1);
    }

    /**
     * @throws IllegalArgumentException naming the property that is wrong
     */
    static DataServiceOptions read(Map<String, ?> properties) {
        return new DataServiceOptions(properties);
    }

    static DataServiceOptions defaults() {
        return new DataServiceOptions(Collections.emptyMap());
    }

    @Override
    public String toString() {
        return "DataServiceOptions[autoConnect=" + autoConnect + ", retryInterval=" + retryIntervalSeconds
                + " s, quiesceTimeout=" + quiesceTimeoutSeconds + " s]";
    }
}
