package dev.kprov.sandbox.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where {@code --crash-at} kills the gateway: a point of the agent's apply run (PROTOCOL.md sections 8
 * and 10), in the order the run passes them, as its journal shows them.
 */
public enum CrashPoint {
    /** Step 5: the rollback snapshot is taken and the run journaled. */
    SNAPSHOT_TAKEN,
    /** Step 6 under way: the journal names a certificate being added to the keystore. */
    CERTIFICATE_RECORDED,
    CERTIFICATES_STORED,
    APPLICATIONS_INSTALLED,
    CONFIGURATION_APPLIED,
    PROVISION_BROKER_LEFT,
    ACCOUNT_CONNECTED,
    MARKING_PROVISIONED;

    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<CrashPoint> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.option().equals(value)).findFirst();
    }

    static String choices() {
        return Arrays.stream(values()).map(CrashPoint::option).collect(Collectors.joining(", "));
    }
}
