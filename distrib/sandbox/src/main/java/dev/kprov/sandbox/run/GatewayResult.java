package dev.kprov.sandbox.run;

/**
 * A gateway's run as the summary needs it.
 *
 * @param jobCompleted the platform saw the job COMPLETED (not asked for a gateway provisioned earlier)
 */
record GatewayResult(GatewayRun gateway, Outcome outcome, boolean jobCompleted) {

    /** Provisioned, and the platform saw it arrive when it was this run's work. */
    boolean succeeded() {
        return outcome.result() == Outcome.Result.ALREADY_PROVISIONED
                || outcome.result() == Outcome.Result.PROVISIONED && jobCompleted;
    }
}
