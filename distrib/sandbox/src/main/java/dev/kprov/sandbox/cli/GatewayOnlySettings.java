package dev.kprov.sandbox.cli;

import java.nio.file.Path;
import java.util.Optional;

import dev.kprov.sandbox.secret.Secret;

/**
 * The agent's settings for {@code --gateway-only}, from the command line; names as in the agent's
 * configuration (README.md, "Settings"). Empty optionals leave the agent's own default.
 *
 * @param trust PEM file of the CAs the gateway trusts: the provision broker's and the package signer's
 * @param stateDir where {@code --state} writes the gateway's state before the agent is enabled and at the end
 * @param crashAt where {@code --crash-at} kills the process
 */
public record GatewayOnlySettings(String brokerUrl, Optional<String> accountName, Optional<String> clientId,
        Optional<String> username, Optional<Secret> password, Optional<Secret> activationKey,
        boolean caAuthentication, int timeoutSeconds, int retryIntervalSeconds, int retryMaxAttempts,
        Optional<Path> trust, String serialNumber, Optional<Path> stateDir, Optional<CrashPoint> crashAt) {

    /** Defaults of the gateway-only mode, shorter than the agent's so that a run ends soon. */
    static final int DEFAULT_TIMEOUT = 30;
    static final int DEFAULT_RETRY_INTERVAL = 5;
    static final int DEFAULT_RETRY_MAX_ATTEMPTS = 3;
    static final String DEFAULT_SERIAL = "SN-SANDBOX-0001";
}
