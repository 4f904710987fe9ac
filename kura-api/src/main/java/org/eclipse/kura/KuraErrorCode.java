package org.eclipse.kura;

/**
 * Error codes carried by {@link KuraException} and {@link KuraRuntimeException}.
 * <p>
 * The declaration order follows the Kura 5.6 API (fact sheet, section 3.1). Never depend on
 * {@code ordinal()} across Kura versions.
 */
public enum KuraErrorCode {
    CONFIGURATION_ERROR,
    CONFIGURATION_UPDATE,
    CONFIGURATION_ROLLBACK,
    CONFIGURATION_ATTRIBUTE_UNDEFINED,
    CONFIGURATION_ATTRIBUTE_INVALID,
    CONFIGURATION_REQUIRED_ATTRIBUTE_MISSING,
    CONFIGURATION_SNAPSHOT_NOT_FOUND,
    CONFIGURATION_SNAPSHOT_TAKING,
    CONFIGURATION_SNAPSHOT_LISTING,
    CONFIGURATION_SNAPSHOT_LOADING,
    /**
     * @deprecated deprecated in the Kura API.
     */
    @Deprecated
    INTERNAL_ERROR,
    SERIAL_PORT_INVALID_CONFIGURATION,
    SERIAL_PORT_NOT_EXISTING,
    PORT_IN_USE,
    PARTIAL_SUCCESS,
    SECURITY_EXCEPTION,
    NOT_CONNECTED,
    TIMED_OUT,
    CONNECTION_FAILED,
    TOO_MANY_INFLIGHT_MESSAGES,
    STORE_ERROR,
    ENCODE_ERROR,
    DECODER_ERROR,
    INVALID_METRIC_EXCEPTION,
    INVALID_MESSAGE_EXCEPTION,
    OPERATION_NOT_SUPPORTED,
    UNAVAILABLE_DEVICE,
    CLOSED_DEVICE,
    GPIO_EXCEPTION,
    /** @since 1.0.8 */
    OS_COMMAND_ERROR,
    /** @since 1.0.8 */
    INVALID_PARAMETER,
    /** @since 1.2 */
    PROCESS_EXECUTION_ERROR,
    /** @since 1.2 */
    SUBSCRIPTION_ERROR,
    /** @since 1.3 */
    BLE_NOTIFICATION_ERROR,
    /** @since 1.3 */
    BLE_CONNECTION_ERROR,
    /** @since 1.3 */
    BLE_PAIR_ERROR,
    /** @since 1.3 */
    BLE_RESOURCE_NOT_FOUND,
    /** @since 1.3 */
    BLE_IO_ERROR,
    /** @since 1.3 */
    BLE_COMMAND_ERROR,
    /** @since 1.3 */
    BLE_DISCOVERY_ERROR,
    /** @since 2.0 */
    BLE_REMOVE_ERROR,
    /** @since 2.0 */
    BAD_REQUEST,
    /** @since 2.0 */
    NOT_FOUND,
    /** @since 2.0 */
    SERVICE_UNAVAILABLE,
    /** @since 2.0 */
    DISCONNECTION_FAILED,
    /** @since 2.2 */
    IO_ERROR,
    /** @since 2.3 */
    // since Kura 5.1 (API 2.3): never call on a Kura 5.0 gateway
    UNSUPPORTED_MODEM,
    /** @since 2.4 */
    // since Kura 5.2 (API 2.4): never call on a Kura 5.0 gateway
    INVALID_CERTIFICATE_EXCEPTION
}
