package dev.kprov.agent.message;

/** The best-effort device metrics of a provision request (PROTOCOL.md section 5), from Kura's SystemService. */
public enum DeviceField {
    SERIAL_NUMBER("serial_number"),
    MODEL_ID("model_id"),
    MODEL_NAME("model_name"),
    KURA_VERSION("kura_version"),
    JAVA_VERSION("java_version"),
    OS_NAME("os_name"),
    OS_VERSION("os_version"),
    /** {@code AA:BB:CC:DD:EE:FF} */
    PRIMARY_MAC("primary_mac");

    private final String metric;

    DeviceField(String metric) {
        this.metric = metric;
    }

    /** The metric name on the wire. */
    public String metric() {
        return metric;
    }
}
