package dev.kprov.sandbox.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A failure the sandbox injects on purpose ({@code --fail}), so that a person watches retries and rollback. */
public enum FailureMode {

    /** The provision request holds another activation key than the agent sends: 403 from the platform. */
    WRONG_ACTIVATION_KEY("wrong-activation-key",
            "the platform refuses the agent's activation key (403): nothing is applied, the agent retries"),
    /** The gateway does not trust the platform's signer root: the package is refused at verification. */
    UNTRUSTED_CHAIN("untrusted-chain",
            "the gateway does not trust the package signer's root (UNTRUSTED_CHAIN): nothing is applied"),
    /** The delivered configuration names a closed loopback port as the account broker. */
    UNREACHABLE_ACCOUNT_BROKER("unreachable-account-broker",
            "the package is applied, the account broker does not answer (ACCOUNT_CONNECT_FAILED), "
                    + "and everything is rolled back");

    private final String argument;
    private final String description;

    FailureMode(String argument, String description) {
        this.argument = argument;
        this.description = description;
    }

    /** The value of {@code --fail}. */
    public String argument() {
        return argument;
    }

    /** What a person is about to watch. */
    public String description() {
        return description;
    }

    static Optional<FailureMode> parse(String argument) {
        return Arrays.stream(values()).filter(mode -> mode.argument.equals(argument)).findFirst();
    }

    static String choices() {
        return Arrays.stream(values()).map(FailureMode::argument).collect(Collectors.joining("|"));
    }
}
