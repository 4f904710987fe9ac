package dev.kprov.agent.trust;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Validity dates, judged apart from everything else so that a date problem is reported as CLOCK with the
 * facts a person needs (PROTOCOL.md section 8, step 3): the gateway's time, and the certificate's subject
 * and window.
 */
final class Validity {

    private Validity() {
    }

    /**
     * The first date problem of the chain, signer first, at the gateway's time, then of the signer at the
     * package's signing time; null when there is none.
     */
    static String problem(List<X509Certificate> chain, Date now, Date signingTime) {
        for (X509Certificate certificate : chain) {
            if (now.before(certificate.getNotBefore())) {
                return "certificate " + Subjects.withWindow(certificate) + " is not valid yet at the gateway's time "
                        + Subjects.instant(now) + ": if the gateway's clock is behind, set it (NTP) and retry";
            }
            if (now.after(certificate.getNotAfter())) {
                return "certificate " + Subjects.withWindow(certificate) + " has expired at the gateway's time "
                        + Subjects.instant(now) + ", unless the gateway's clock is ahead";
            }
        }
        X509Certificate signer = chain.get(0);
        if (signingTime != null
                && (signingTime.before(signer.getNotBefore()) || signingTime.after(signer.getNotAfter()))) {
            return "the package was signed at " + Subjects.instant(signingTime)
                    + " (its signing-time attribute), outside the validity of signer certificate "
                    + Subjects.withWindow(signer) + "; the gateway's time is " + Subjects.instant(now);
        }
        return null;
    }

    /**
     * Times at which to ask PKIX again whether the chain would be trusted if the clock were right
     * (reference/BUILD-NOTES.md pitfall 11): inside every window of the chain when they overlap, then
     * inside the signer's window, then inside each other certificate's window, so that every certificate
     * of the chain is valid at one of them.
     */
    static List<Date> referenceTimes(List<X509Certificate> chain) {
        List<Date> times = new ArrayList<>();
        long latestStart = Long.MIN_VALUE;
        long earliestEnd = Long.MAX_VALUE;
        for (X509Certificate certificate : chain) {
            latestStart = Math.max(latestStart, certificate.getNotBefore().getTime());
            earliestEnd = Math.min(earliestEnd, certificate.getNotAfter().getTime());
        }
        if (latestStart <= earliestEnd) {
            times.add(middle(latestStart, earliestEnd));
        }
        for (X509Certificate certificate : chain) {
            Date time = middle(certificate.getNotBefore().getTime(), certificate.getNotAfter().getTime());
            if (!times.contains(time)) {
                times.add(time);
            }
        }
        return times;
    }

    private static Date middle(long start, long end) {
        return new Date(start + (end - start) / 2);
    }
}
