package dev.kprov.agent.trust;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.kprov.agent.trust.TrustException.Kind;

/**
 * Reads a PEM bundle of certificates: the {@code ssl.ca.certificates} metric of a provisioning package
 * (PROTOCOL.md section 6.1) and trust-anchor files. Bounded (section 7): at most
 * {@link #MAX_CERTIFICATES} certificates and {@link #MAX_CHARS} characters. Text between blocks is
 * allowed (RFC 7468 explanatory text); every block must be a CERTIFICATE without headers, and must
 * parse as exactly one X.509 certificate. Anything else is refused as MALFORMED, with a message naming
 * the source and the block, never quoting block contents (a private key pasted by mistake stays out of
 * the logs).
 */
public final class PemCertificates {

    public static final int MAX_CERTIFICATES = 10;
    public static final int MAX_CHARS = 64 * 1024;

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final int MAX_LABEL_CHARS = 40;

    private PemCertificates() {
    }

    /**
     * @param text the PEM text
     * @param source what the text is, for messages: a metric name or a file name
     * @return the certificates in their order; never empty
     */
    public static List<X509Certificate> parse(String text, String source) throws TrustException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        if (text.length() > MAX_CHARS) {
            throw malformed(source, text.length() + " characters, over the bound of " + MAX_CHARS);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        StringBuilder base64 = null;
        int block = 0;
        for (String raw : text.split("\r\n|\r|\n", -1)) {
            String line = raw.trim();
            if (base64 == null) {
                if (line.startsWith(BEGIN)) {
                    block++;
                    requireCertificateLabel(line, BEGIN, source, block);
                    if (block > MAX_CERTIFICATES) {
                        throw malformed(source, "more than " + MAX_CERTIFICATES + " certificates");
                    }
                    base64 = new StringBuilder();
                } else if (line.startsWith(END)) {
                    throw malformed(source, "an END line without its BEGIN line, after block " + block);
                }
            } else if (line.startsWith(END)) {
                requireCertificateLabel(line, END, source, block);
                certificates.add(certificate(base64.toString(), source, block));
                base64 = null;
            } else if (line.startsWith(BEGIN)) {
                throw malformed(source, "block " + block + " is not closed before the next BEGIN line");
            } else if (line.indexOf(':') >= 0) {
                throw malformed(source, "block " + block + " has PEM headers; a CERTIFICATE block has none");
            } else {
                base64.append(line);
            }
        }
        if (base64 != null) {
            throw malformed(source, "block " + block + " has no END line");
        }
        if (certificates.isEmpty()) {
            throw malformed(source, "no CERTIFICATE block");
        }
        return Collections.unmodifiableList(certificates);
    }

    /**
     * Reads at most {@link #MAX_CHARS} bytes of PEM text (ASCII, or UTF-8 in the text between blocks)
     * and parses it. The stream is not closed.
     *
     * @throws IOException when the stream cannot be read
     */
    public static List<X509Certificate> read(InputStream in, String source) throws IOException, TrustException {
        Objects.requireNonNull(in, "in");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int count;
        while ((count = in.read(buffer, 0, Math.min(buffer.length, MAX_CHARS + 1 - bytes.size()))) > 0) {
            bytes.write(buffer, 0, count);
            if (bytes.size() > MAX_CHARS) {
                throw malformed(source, "longer than " + MAX_CHARS + " bytes");
            }
        }
        return parse(new String(bytes.toByteArray(), StandardCharsets.UTF_8), source);
    }

    private static void requireCertificateLabel(String line, String marker, String source, int block)
            throws TrustException {
        if (!line.endsWith(DASHES) || line.length() < marker.length() + DASHES.length()) {
            throw malformed(source, "block " + block + " has a malformed " + marker.trim() + " line");
        }
        String label = line.substring(marker.length(), line.length() - DASHES.length());
        if (!CERTIFICATE.equals(label)) {
            throw malformed(source, "block " + block + " is a '" + printable(label) + "' block, not a CERTIFICATE");
        }
    }

    private static X509Certificate certificate(String base64, String source, int block) throws TrustException {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw malformed(source, "block " + block + " is not valid base64");
        }
        DerShape.check(der, source + ": block " + block);
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            if (certificate == null) {
                throw malformed(source, "block " + block + " holds no certificate");
            }
            return certificate;
        } catch (CertificateException | RuntimeException e) {
            throw new TrustException(Kind.MALFORMED,
                    source + ": block " + block + " is not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static String printable(String label) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < label.length() && i < MAX_LABEL_CHARS; i++) {
            char c = label.charAt(i);
            text.append(c < 0x20 || c >= 0x7f ? '?' : c);
        }
        return label.length() > MAX_LABEL_CHARS ? text + "..." : text.toString();
    }

    private static TrustException malformed(String source, String detail) {
        return new TrustException(Kind.MALFORMED, source + ": " + detail);
    }
}
