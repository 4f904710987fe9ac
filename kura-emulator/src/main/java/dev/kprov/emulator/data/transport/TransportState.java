package dev.kprov.emulator.data.transport;

/**
 * The states of the MQTT transport. One MQTT client (a {@link PahoConnection}) lives from CONNECTING to
 * the end of DISCONNECTING (or to the loss of the connection); each {@code connect()} makes a new one.
 *
 * <pre>
 *                   connect()                 CONNACK
 *   DISCONNECTED -------------> CONNECTING -------------> CONNECTED
 *      ^    ^                       |                      |     |
 *      |    +-----------------------+                      |     | disconnect(),
 *      |     refused, unreachable, timed out,              |     | configuration update
 *      |     disconnect(), configuration update            |     v
 *      |<--------------------------------------------------+  DISCONNECTING
 *      |                 connection lost                         |
 *      +---------------------------------------------------------+
 *                    DISCONNECT sent, or given up
 *
 *   every state --deactivation--> CLOSED
 * </pre>
 */
enum TransportState {
    DISCONNECTED,
    CONNECTING,
    CONNECTED,
    DISCONNECTING,
    CLOSED;
}
