package dev.kprov.agent.message;

import java.util.Objects;
import java.util.Optional;

/**
 * The MQTT topics of one gateway's exchange (PROTOCOL.md sections 3, 4 and 8.1), all under
 * {@code $EDC/{account}/{client-id}/PROV-V1/}.
 */
public final class Topics {

    /** The application id of the provisioning protocol, version 1. */
    public static final String APP_ID = "PROV-V1";

    private static final String PREFIX = "$EDC/";
    private static final String POST = "/POST/provision";
    private static final String REPLY = "/REPLY/";
    private static final String NOTIFY = "/NOTIFY/";

    private final String account;
    private final String clientId;
    private final String base;

    private Topics(String account, String clientId) {
        this.account = account;
        this.clientId = clientId;
        this.base = PREFIX + account + "/" + clientId + "/" + APP_ID;
    }

    /**
     * @throws IllegalArgumentException when either is not a single topic level (empty, or holding '/', '+',
     *             '#')
     */
    public static Topics of(String account, String clientId) {
        checkLevel("account", account);
        checkLevel("client id", clientId);
        return new Topics(account, clientId);
    }

    /**
     * The account and client id of a request topic, {@code $EDC/{account}/{client-id}/PROV-V1/POST/provision},
     * as the platform receives it; empty for any other topic.
     */
    public static Optional<Topics> ofRequestTopic(String topic) {
        String suffix = "/" + APP_ID + POST;
        if (!topic.startsWith(PREFIX) || !topic.endsWith(suffix)
                || topic.length() < PREFIX.length() + suffix.length()) {
            return Optional.empty();
        }
        String levels = topic.substring(PREFIX.length(), topic.length() - suffix.length());
        int slash = levels.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String account = levels.substring(0, slash);
        String clientId = levels.substring(slash + 1);
        if (Text.topicLevelProblem(account).isPresent() || Text.topicLevelProblem(clientId).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Topics(account, clientId));
    }

    public String account() {
        return account;
    }

    public String clientId() {
        return clientId;
    }

    /** {@code $EDC/{account}/{client-id}/PROV-V1/REPLY/#}: the agent subscribes here before it asks. */
    public String replySubscription() {
        return base + REPLY + "#";
    }

    /** {@code $EDC/{account}/{client-id}/PROV-V1/POST/provision}: where the agent publishes its request. */
    public String requestTopic() {
        return base + POST;
    }

    /** {@code $EDC/{account}/{client-id}/PROV-V1/REPLY/{request.id}}: where the platform answers. */
    public String replyTopic(String requestId) {
        checkLevel("request id", requestId);
        return base + REPLY + requestId;
    }

    /** {@code $EDC/{account}/{client-id}/PROV-V1/NOTIFY/{request.id}}: progress notifications. */
    public String notifyTopic(String requestId) {
        checkLevel("request id", requestId);
        return base + NOTIFY + requestId;
    }

    /**
     * The request id of a reply topic of this account and client id; empty when the topic is anything else
     * (another account or client, another kind of topic, more than one level after {@code REPLY/}).
     */
    public Optional<String> replyRequestId(String topic) {
        return lastLevel(topic, base + REPLY);
    }

    /** The request id of a notification topic of this account and client id; empty for any other topic. */
    public Optional<String> notifyRequestId(String topic) {
        return lastLevel(topic, base + NOTIFY);
    }

    private static Optional<String> lastLevel(String topic, String prefix) {
        if (!topic.startsWith(prefix)) {
            return Optional.empty();
        }
        String level = topic.substring(prefix.length());
        return Text.topicLevelProblem(level).isPresent() ? Optional.empty() : Optional.of(level);
    }

    private static void checkLevel(String what, String value) {
        Objects.requireNonNull(value, what);
        Optional<String> problem = Text.topicLevelProblem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(what + " " + problem.get());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Topics && ((Topics) other).base.equals(base);
    }

    @Override
    public int hashCode() {
        return base.hashCode();
    }

    @Override
    public String toString() {
        return base;
    }
}
