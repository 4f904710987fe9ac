package dev.kprov.sandbox.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What the command line asked for. {@code gatewayOnly} is present for {@code --gateway-only}; otherwise
 * the sandbox runs the platform and {@code gateways} simulated gateways itself.
 *
 * @param data the folder that keeps the state between runs; empty: a temporary folder, deleted at exit
 * @param waitFor how long the gateways have to reach PROVISIONED (or FAILED) once the agent is enabled
 */
public record Options(int gateways, Optional<Path> data, Optional<FailureMode> fail, Duration waitFor,
        Optional<GatewayOnlySettings> gatewayOnly) {

    public static final int MAX_GATEWAYS = 20;
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    public boolean isGatewayOnly() {
        return gatewayOnly.isPresent();
    }
}
