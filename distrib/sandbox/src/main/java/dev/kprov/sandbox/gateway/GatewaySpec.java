package dev.kprov.sandbox.gateway;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Who a simulated gateway is and where it keeps its state.
 *
 * @param clientId the agent's client id: the MAC address, upper case, without {@code :}
 * @param macAddress the emulated primary MAC address, {@code AA:BB:CC:DD:EE:FF}
 * @param serialNumber {@code kura.serialNumber}
 * @param folder its framework storage, configuration, keystore, snapshots and packages
 */
public record GatewaySpec(String clientId, String macAddress, String serialNumber, Path folder) {

    private static final long FIRST_MAC = 0x00E0C7A1B2C3L;

    /** Gateway number {@code index} (from 1): MAC 00:E0:C7:A1:B2:C3, then C4, ..., serial SN-SANDBOX-000n. */
    public static GatewaySpec numbered(int index, Path gatewaysFolder) {
        long mac = FIRST_MAC + index - 1;
        String hex = String.format(Locale.ROOT, "%012X", mac);
        StringBuilder colons = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            colons.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return new GatewaySpec(hex, colons.toString(), String.format(Locale.ROOT, "SN-SANDBOX-%04d", index),
                gatewaysFolder.resolve(hex));
    }

    /** The gateway of {@code --gateway-only}: gateway 1, with another client id when one is given. */
    public GatewaySpec withClientId(String id) {
        return new GatewaySpec(id, macAddress, serialNumber, folder);
    }

    public GatewaySpec withSerialNumber(String serial) {
        return new GatewaySpec(clientId, macAddress, serial, folder);
    }
}
