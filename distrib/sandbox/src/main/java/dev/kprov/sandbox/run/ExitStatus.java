package dev.kprov.sandbox.run;

/** The sandbox's exit status (Usage#TEXT). */
public final class ExitStatus {

    /** Every gateway PROVISIONED (and its job COMPLETED when this run did the work). */
    public static final int PROVISIONED = 0;
    /** Not provisioned: FAILED, MISCONFIGURED or --wait passed; the expected end of --fail. */
    public static final int NOT_PROVISIONED = 1;
    /** Wrong arguments. */
    public static final int USAGE = 2;
    /** The platform or a framework could not start. */
    public static final int CANNOT_START = 3;
    /** Killed by {@code --crash-at}: what a shell shows for SIGKILL, also when the kill command was missing. */
    public static final int KILLED = 137;

    private ExitStatus() {
    }
}
