package dev.kprov.bench.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet --broker mosquitto} at small scale, so that it keeps working: five gateways against the
 * platform on this machine's Mosquitto (as the platform's own Mosquitto tests, it needs Mosquitto
 * installed). Asserts outcomes, never a time (STYLE.md 13).
 */
class FleetOnMosquittoTest {

    @Test
    @Timeout(120)
    void everyGatewayIsProvisionedOnMosquittoAndItsCpuIsCountedAsTheBrokers(@TempDir Path out) throws Exception {
        Fleet.run(out, List.of(5), 500, FleetBroker.MOSQUITTO);

        List<String> summary = Files.readAllLines(out.resolve("fleet-mosquitto.csv"), StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(summary.get(0).split(","));
        String[] row = summary.get(1).split(",");
        assertEquals("5", row[header.indexOf("gateways")]);
        assertEquals("0", row[header.indexOf("failed")], "every gateway was provisioned");
        assertEquals(6, Files.readAllLines(out.resolve("fleet-mosquitto-times.csv")).size(),
                "one time for each gateway");
        String broker = row[header.indexOf("cpu_broker_s")];
        assertFalse(broker.equals("NaN"), "Mosquitto's CPU time was read");
        assertTrue(Double.parseDouble(broker) >= 0);
        assertFalse(Files.exists(out.resolve("fleet.csv")), "the embedded broker's figures are left alone");
    }

    @Test
    void brokerOptionTakesEmbeddedOrMosquittoOnly() {
        assertEquals(FleetBroker.EMBEDDED, FleetBroker.parse("embedded"));
        assertEquals(FleetBroker.MOSQUITTO, FleetBroker.parse("mosquitto"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> FleetBroker.parse("moquette"));
        assertTrue(wrong.getMessage().contains("'moquette'"), wrong.getMessage());
    }
}
