package dev.kprov.sandbox.platform;

import java.util.Optional;

import dev.kprov.sandbox.secret.Secret;

/**
 * What a gateway's agent is given to reach the provision broker: its user name, password and activation
 * key. With {@code --fail wrong-activation-key} the key differs from the request's. {@code toString}
 * shows no secret.
 */
public record GatewayCredentials(String username, Secret password, Optional<Secret> activationKey) {
}
