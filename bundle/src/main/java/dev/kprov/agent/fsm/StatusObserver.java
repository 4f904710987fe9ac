package dev.kprov.agent.fsm;

/**
 * Told of every transition, in order, on the machine's owner thread. An implementation must return
 * quickly; an exception it throws is logged and does not affect the machine.
 */
@FunctionalInterface
public interface StatusObserver {

    void onStatus(Status status);
}
