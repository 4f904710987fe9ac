package dev.kprov.platform.broker;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mosquitto tells of an accepted CONNECT only in its log ("New client connected from 127.0.0.1:50122 as
 * gw-1 (p2, c1, k30, u'gw-1-account')."), which it publishes on {@code $SYS/broker/log/N} when configured
 * with {@code log_dest topic}. This reads the client id and user name out of such a line.
 */
final class ConnectLog {

    /** Where Mosquitto publishes its notice-level log lines. */
    static final String TOPIC = "$SYS/broker/log/N";
    /** Longer lines are not connect lines of a client id and user name the platform knows (256 characters each). */
    static final int MAX_LINE = 2048;

    private static final Pattern CONNECTED = Pattern.compile(
            "New client connected from \\S+ as (.+?) \\(p\\d+, c\\d+, k\\d+, u'(.*)'\\)\\.$");

    /** Who connected. */
    record Connect(String clientId, String username) {
    }

    private ConnectLog() {
    }

    static Optional<Connect> parse(String line) {
        if (line.length() > MAX_LINE) {
            return Optional.empty();
        }
        Matcher m = CONNECTED.matcher(line);
        return m.find() ? Optional.of(new Connect(m.group(1), m.group(2))) : Optional.empty();
    }
}
