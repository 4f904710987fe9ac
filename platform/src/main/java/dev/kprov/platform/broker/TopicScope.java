package dev.kprov.platform.broker;

/**
 * A part of the topic tree a client may use, written as an MQTT filter ({@code $EDC/acme/dev1/#},
 * {@code $EDC/acme/+/PROV-V1/#}). {@link #covers} tells whether a topic, or a whole subscription filter,
 * lies inside it: a filter with a wildcard where the scope has a fixed level reaches outside and is refused.
 */
final class TopicScope {

    private final String[] levels;
    private final String text;

    TopicScope(String pattern) {
        this.text = pattern;
        this.levels = pattern.split("/", -1);
    }

    boolean covers(String topicOrFilter) {
        String[] other = topicOrFilter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String mine = levels[i];
            if (mine.equals("#")) {
                // "a/b/#" also matches "a/b" itself (MQTT 3.1.1, 4.7.1.2).
                return other.length >= i;
            }
            if (i >= other.length) {
                return false;
            }
            String theirs = other[i];
            if (theirs.equals("#")) {
                return false;
            }
            if (!mine.equals("+") && !mine.equals(theirs)) {
                return false;
            }
        }
        return other.length == levels.length;
    }

    @Override
    public String toString() {
        return text;
    }
}
