package dev.kprov.agent.trust;

import java.security.cert.X509Certificate;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

/**
 * How certificates and instants appear in messages: subject only, printable, bounded, so that a hostile
 * certificate cannot forge log lines or flood them.
 */
final class Subjects {

    private static final int MAX_SUBJECT_CHARS = 160;

    private Subjects() {
    }

    static String of(X509Certificate certificate) {
        return of(certificate.getSubjectX500Principal());
    }

    static String of(X500Principal principal) {
        String name = principal.getName(X500Principal.RFC2253);
        StringBuilder text = new StringBuilder(Math.min(name.length(), MAX_SUBJECT_CHARS) + 5);
        text.append('\'');
        for (int i = 0; i < name.length() && i < MAX_SUBJECT_CHARS; i++) {
            char c = name.charAt(i);
            text.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (name.length() > MAX_SUBJECT_CHARS) {
            text.append("...");
        }
        return text.append('\'').toString();
    }

    static String instant(Date date) {
        return date.toInstant().toString();
    }

    /** "'CN=x' (valid from A to B)". */
    static String withWindow(X509Certificate certificate) {
        return of(certificate) + " (valid from " + instant(certificate.getNotBefore()) + " to "
                + instant(certificate.getNotAfter()) + ")";
    }
}
