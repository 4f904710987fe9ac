package dev.kprov.emulator.deployment;

/** URLs as they may appear in logs and exception messages. */
final class Urls {

    private static final int MAX_SHOWN = 256;

    private Urls() {
    }

    /**
     * {@code url} without user information and query, which may hold credentials or tokens, and cut to
     * {@value #MAX_SHOWN} characters: the form every log line and message of this package uses.
     */
    static String shown(String url) {
        if (url == null) {
            return "null";
        }
        String shown = url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1");
        int query = shown.indexOf('?');
        if (query >= 0) {
            shown = shown.substring(0, query) + "?...";
        }
        return shown.length() > MAX_SHOWN ? shown.substring(0, MAX_SHOWN) + "..." : shown;
    }
}
