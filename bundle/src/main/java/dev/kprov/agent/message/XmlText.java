package dev.kprov.agent.message;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kprov.agent.message.ConfigurationXml.ConfigurationException;

/**
 * The configuration document as text, before the XML parser sees it: UTF-8 (PROTOCOL.md section 6.1, the
 * {@code configuration} metric), a byte order mark dropped, and no DTD in its prolog. Checked here so that
 * such a document gets a rejection that names what is wrong, and so that the JDK's StAX parser never meets
 * malformed bytes or a document that ends inside its DTD: for both it writes a line to {@code System.err}
 * besides throwing, and on a gateway that line would reach the console log.
 */
final class XmlText {

    private static final Pattern ENCODING = Pattern.compile("\\sencoding\\s*=\\s*[\"']([^\"']{0,40})[\"']");

    private XmlText() {
    }

    /** The document's characters, checked as above; {@code xml} is already bounded by its caller. */
    static String decode(byte[] xml) throws ConfigurationException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(xml);
        CharBuffer out = CharBuffer.allocate(xml.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new ConfigurationException("the configuration is not UTF-8: a malformed byte sequence at byte "
                    + in.position());
        }
        out.flip();
        String text = out.length() > 0 && out.get(0) == '\uFEFF' ? out.subSequence(1, out.length()).toString()
                : out.toString();
        checkProlog(text);
        return text;
    }

    /** What comes before the root element: an XML declaration, comments, processing instructions, no DTD. */
    private static void checkProlog(String text) throws ConfigurationException {
        int at = 0;
        while (true) {
            while (at < text.length() && isSpace(text.charAt(at))) {
                at++;
            }
            if (text.startsWith("<!DOCTYPE", at)) {
                throw new ConfigurationException("the configuration has a DTD; DTDs and entities are not allowed");
            } else if (text.startsWith("<!--", at)) {
                at = end(text, at + 4, "-->", "a comment");
            } else if (text.startsWith("<?", at)) {
                int end = end(text, at + 2, "?>", "a processing instruction");
                if (at == 0 && text.startsWith("<?xml", 0) && text.length() > 5 && isSpace(text.charAt(5))) {
                    checkDeclaredEncoding(text.substring(0, end));
                }
                at = end;
            } else {
                return;
            }
        }
    }

    private static int end(String text, int from, String end, String what) throws ConfigurationException {
        int at = text.indexOf(end, from);
        if (at < 0) {
            throw new ConfigurationException("the configuration ends inside " + what + " before its root element");
        }
        return at + end.length();
    }

    private static void checkDeclaredEncoding(String declaration) throws ConfigurationException {
        Matcher encoding = ENCODING.matcher(declaration);
        if (encoding.find()) {
            String name = encoding.group(1).toUpperCase(Locale.ROOT);
            if (!name.equals("UTF-8") && !name.equals("UTF8")) {
                throw new ConfigurationException("the configuration declares the encoding " + encoding.group(1)
                        + "; it must be UTF-8");
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
