package dev.kprov.agent.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Small text rules shared by the message classes. */
final class Text {

    private static final int MAX_QUOTED_NAME = 80;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Text() {
    }

    /**
     * A metric name fit for an exception message: quoted, control characters shown as '?', cut short.
     * Names come from the wire, so they may be long or hold anything.
     */
    static String quote(String name) {
        String cut = name.length() > MAX_QUOTED_NAME ? cut(name, MAX_QUOTED_NAME) + "..." : name;
        StringBuilder out = new StringBuilder(cut.length() + 2).append('\'');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.append('\'').toString();
    }

    /**
     * One line of at most {@code max} characters: line breaks and other control characters become spaces,
     * the ends are trimmed, and a longer text is cut (never inside a surrogate pair). For messages meant for
     * a person (PROTOCOL.md section 6: "one line for a person").
     */
    static String oneLine(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\u2028' || c == '\u2029' || c == '\u0085';
            out.append(Character.isISOControl(c) || lineBreak ? ' ' : c);
        }
        String line = out.toString().trim();
        int end = line.length();
        return end > 0 && Character.isHighSurrogate(line.charAt(end - 1)) ? line.substring(0, end - 1) : line;
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** Strict UTF-8: malformed input is an error, never replaced. */
    static String utf8(byte[] bytes, int offset, int length, String what) throws MessageException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MessageException(what + " is not valid UTF-8");
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Exactly {@code length} lower-case hex digits. */
    static boolean isLowerHex(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why {@code value} cannot be one MQTT topic level (PROTOCOL.md section 3: never empty, never '/',
     * '+' or '#'; MQTT also forbids U+0000); empty when it can.
     */
    static Optional<String> topicLevelProblem(String value) {
        if (value.isEmpty()) {
            return Optional.of("is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '/' || c == '+' || c == '#' || c == '\0') {
                String shown = c == '\0' ? "\\0" : String.valueOf(c);
                return Optional.of("contains '" + shown + "', which cannot be in one topic level");
            }
        }
        return Optional.empty();
    }
}
