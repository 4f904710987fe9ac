package dev.kprov.sandbox.run;

import java.util.Optional;

import dev.kprov.sandbox.gateway.AgentStatus;

/** How a gateway's run ended, with the agent's last status. */
record Outcome(Result result, Optional<AgentStatus> last) {

    enum Result {
        /** The agent reached PROVISIONED in this run. */
        PROVISIONED,
        /** An earlier run on the same data folder provisioned it; the agent says PROVISIONED again. */
        ALREADY_PROVISIONED,
        /** The agent used up retry-max-attempts. */
        FAILED,
        /** The agent refused a setting. */
        MISCONFIGURED,
        /** Neither within --wait. */
        TIMED_OUT
    }

    boolean isProvisioned() {
        return result == Result.PROVISIONED || result == Result.ALREADY_PROVISIONED;
    }

    /** One line for a person: the result and, when it failed, the agent's last error and message. */
    String describe() {
        String text = result.name();
        if (last.isPresent() && last.get().hasError()) {
            text += ": last error " + last.get().error() + (last.get().message().isEmpty() ? ""
                    : " (" + last.get().message() + ")");
        }
        return text;
    }
}
