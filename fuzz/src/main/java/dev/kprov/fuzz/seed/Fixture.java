package dev.kprov.fuzz.seed;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The fixed facts every seed and target share: the request in flight and the gateway of the conformance
 * vectors (shared/conformance/README.md), the agent's own PID, and fixed times, so that a run does not
 * depend on the day it is made (the conformance certificates are valid from 2026 to 2036).
 */
public final class Fixture {

    public static final String REQUEST_ID = "0123456789abcdef0123456789abcdef";
    public static final String CLIENT_ID = "00E0C7A1B2C3";
    public static final String ACCOUNT = "acme";
    public static final String OWN_PID = "dev.kprov.agent.ProvisioningService";
    public static final String TRANSPORT_PID = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    public static final String DATA_SERVICE_PID = "org.eclipse.kura.data.DataService";

    /** When the seed certificates are issued (they start a day earlier and last five to ten years). */
    public static final Instant ISSUED = Instant.parse("2026-06-01T00:00:00Z");
    /** The gateway's clock for every verification. */
    public static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

    private Fixture() {
    }

    public static Clock issuingClock() {
        return Clock.fixed(ISSUED, ZoneOffset.UTC);
    }

    public static Clock gatewayClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
