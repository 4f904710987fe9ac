package dev.kprov.fuzz.engine;

/**
 * Turns a rejection message into its class for the report: numbers become {@code #}, quoted parts and
 * what follows a colon deep in the message are dropped, so that "metric #3 name is given twice" and
 * "metric #17 name is given twice" count as one class.
 */
final class Labels {

    private static final int MAX_CHARS = 100;
    /** The StAX parser's position prefix says where, not what: dropped so that the "what" fits. */
    private static final java.util.regex.Pattern STAX_POSITION = java.util.regex.Pattern
            .compile("ParseError at \\[row,col\\]:\\[-?\\d+,-?\\d+\\]\\s*Message: ");

    private Labels() {
    }

    static String shape(String message) {
        if (message == null) {
            return "(no message)";
        }
        message = STAX_POSITION.matcher(message).replaceFirst("");
        StringBuilder out = new StringBuilder();
        boolean inNumber = false;
        char quote = 0;
        for (int i = 0; i < message.length() && out.length() < MAX_CHARS; i++) {
            char c = message.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                    out.append(c);
                }
                continue;
            }
            boolean afterWord = i > 0 && Character.isLetterOrDigit(message.charAt(i - 1));
            if ((c == '\'' || c == '"') && !afterWord) {
                quote = c;
                out.append(c).append('…');
                continue;
            }
            if (c == '\n' || c == '\r') {
                break;
            }
            if (Character.isDigit(c)) {
                if (!inNumber) {
                    out.append('#');
                }
                inNumber = true;
                continue;
            }
            inNumber = false;
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString().trim();
    }
}
