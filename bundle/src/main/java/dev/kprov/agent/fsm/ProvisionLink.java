package dev.kprov.agent.fsm;

import dev.kprov.agent.message.Notification;

/** The provision-broker connection of the attempt, as applying sees it (PROTOCOL.md 8 step 9, and 8.1). */
public interface ProvisionLink {

    /** Publishes a progress notification, best effort: a lost one never fails the run. */
    void notify(Notification.Status status, String message);

    /** Leaves the provision broker (step 9). */
    void disconnect();
}
