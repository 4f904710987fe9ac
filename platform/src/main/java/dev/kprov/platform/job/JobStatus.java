package dev.kprov.platform.job;

/**
 * The status of a provision job, in Everyware Cloud's words.
 *
 * <pre>
 *   CREATED --request--&gt; STARTED --NOTIFY--&gt; APPS_INSTALLING -&gt; APPS_INSTALLED
 *                           ^   |                 -&gt; CONF_UPDATING -&gt; CONF_UPDATED
 *          next request     |   | error reply,                            |
 *                           |   v FAILED notify         account CONNECT   v
 *                          FAILED  (any non-final) -------------------&gt; COMPLETED
 *
 *   any non-final --expired, or max attempts used up--&gt; ABANDONED
 * </pre>
 *
 * The APPS_* steps are skipped by a package without applications. COMPLETED and ABANDONED are final
 * until the request itself changes, which starts a new job at CREATED.
 */
public enum JobStatus {
    /** The request is known; the device has not asked yet. */
    CREATED,
    /** A provision request arrived (or arrived again after a failure). */
    STARTED,
    /** The agent installs the applications (NOTIFY, PROTOCOL.md section 8.1). */
    APPS_INSTALLING,
    APPS_INSTALLED,
    /** The agent applies the configuration. */
    CONF_UPDATING,
    CONF_UPDATED,
    /** The last attempt failed: an error reply, or a FAILED notification. The device may try again. */
    FAILED,
    /** The device connected to its account broker with the delivered credentials. */
    COMPLETED,
    /** The request expired, or its attempts were used up, before the device completed. */
    ABANDONED;

    /** COMPLETED and ABANDONED: nothing but a new request changes them. */
    public boolean isFinal() {
        return this == COMPLETED || this == ABANDONED;
    }
}
