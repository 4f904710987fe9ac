package dev.kprov.emulator.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Locale;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;

/**
 * Reads a deployment package from a {@code file:}, {@code http:} or {@code https:} URL into a local file,
 * refusing one larger than the limit before or while reading it. HTTP redirects are followed up to
 * {@value #MAX_REDIRECTS} times (Kura follows 301, 302 and 303); {@code https:} uses the socket factory
 * of Kura's SSL manager when one is bound, the JVM's default otherwise.
 */
final class PackageFetcher {

    static final int MAX_REDIRECTS = 3;
    private static final int BUFFER = 64 * 1024;

    private final long maxBytes;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final TlsSource tls;

    /** Where {@code https:} downloads get their socket factory. */
    @FunctionalInterface
    interface TlsSource {
        /** The factory to use, or {@code null} for the JVM's default. */
        SSLSocketFactory socketFactory() throws GeneralSecurityException, IOException;
    }

    PackageFetcher(AgentSettings settings, TlsSource tls) {
        this.maxBytes = settings.maxPackageBytes();
        this.connectTimeoutMillis = settings.connectTimeoutMillis();
        this.readTimeoutMillis = settings.readTimeoutMillis();
        this.tls = tls;
    }

    /**
     * Writes the package at {@code url} to {@code target}, replacing its content.
     *
     * @throws KuraException whose message names the URL and what was wrong: {@code BAD_REQUEST} for a URL
     *             that is not one or a package past the limit, {@code OPERATION_NOT_SUPPORTED} for another
     *             scheme, {@code NOT_FOUND} for a missing file, {@code TIMED_OUT} and {@code IO_ERROR}
     */
    void fetch(String url, Path target) throws KuraException {
        URI uri = parse(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ("file".equals(scheme)) {
            fromFile(url, uri, target);
        } else if ("http".equals(scheme) || "https".equals(scheme)) {
            fromHttp(url, uri, target, 0);
        } else {
            throw new KuraException(KuraErrorCode.OPERATION_NOT_SUPPORTED, "scheme '" + scheme + "' of "
                    + Urls.shown(url) + " is not supported: the emulator reads file:, http: and https: URLs");
        }
    }

    static URI parse(String url) throws KuraException {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST,
                    "'" + Urls.shown(url) + "' is not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        if (uri.getScheme() == null) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST,
                    "'" + Urls.shown(url) + "' is not a URL: it has no scheme (file:, http: or https:)");
        }
        return uri;
    }

    private void fromFile(String url, URI uri, Path target) throws KuraException {
        Path source;
        try {
            source = Path.of(uri);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST,
                    Urls.shown(url) + " does not name a local file: " + e.getMessage());
        }
        if (!Files.isRegularFile(source)) {
            throw new KuraException(KuraErrorCode.NOT_FOUND, "no file at " + source + " (from " + Urls.shown(url) + ")");
        }
        try {
            long size = Files.size(source);
            if (size > maxBytes) {
                throw tooLarge(source.toString(), size);
            }
            try (InputStream in = Files.newInputStream(source)) {
                copy(in, target, source.toString());
            }
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.IO_ERROR, e, "cannot read " + source + ": " + e);
        }
    }

    private void fromHttp(String url, URI uri, Path target, int redirects) throws KuraException {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            if (connection instanceof HttpsURLConnection) {
                useTls((HttpsURLConnection) connection, url);
            }
            int code = connection.getResponseCode();
            if (code >= 300 && code < 400 && code != HttpURLConnection.HTTP_NOT_MODIFIED) {
                redirect(url, uri, target, redirects, code, connection.getHeaderField("Location"));
                return;
            }
            if (code != HttpURLConnection.HTTP_OK) {
                throw new KuraException(KuraErrorCode.IO_ERROR,
                        "HTTP " + code + " " + connection.getResponseMessage() + " from " + Urls.shown(url));
            }
            long length = connection.getContentLengthLong();
            if (length > maxBytes) {
                throw tooLarge(Urls.shown(url), length);
            }
            try (InputStream in = connection.getInputStream()) {
                copy(in, target, Urls.shown(url));
            }
        } catch (SocketTimeoutException e) {
            throw new KuraException(KuraErrorCode.TIMED_OUT, e, "timed out downloading " + Urls.shown(url)
                    + " (" + AgentSettings.CONNECTION_TIMEOUT + ", " + AgentSettings.READ_TIMEOUT + ")");
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.IO_ERROR, e, "cannot download " + Urls.shown(url) + ": " + e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private void useTls(HttpsURLConnection connection, String url) throws KuraException, IOException {
        try {
            SSLSocketFactory factory = tls.socketFactory();
            if (factory != null) {
                connection.setSSLSocketFactory(factory);
            }
        } catch (GeneralSecurityException e) {
            throw new KuraException(KuraErrorCode.SECURITY_EXCEPTION, e,
                    "the SSL manager gives no socket factory to download " + Urls.shown(url) + ": " + e);
        }
    }

    private void redirect(String url, URI uri, Path target, int redirects, int code, String location)
            throws KuraException {
        if (location == null || location.trim().isEmpty()) {
            throw new KuraException(KuraErrorCode.IO_ERROR,
                    "HTTP " + code + " without a Location header from " + Urls.shown(url));
        }
        if (redirects >= MAX_REDIRECTS) {
            throw new KuraException(KuraErrorCode.IO_ERROR,
                    "more than " + MAX_REDIRECTS + " redirects from " + Urls.shown(url));
        }
        URI next;
        try {
            next = uri.resolve(new URI(location.trim()));
        } catch (URISyntaxException e) {
            throw new KuraException(KuraErrorCode.IO_ERROR,
                    "HTTP " + code + " from " + Urls.shown(url) + " redirects to a malformed Location");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new KuraException(KuraErrorCode.IO_ERROR, "HTTP " + code + " from " + Urls.shown(url)
                    + " redirects to a " + scheme + ": URL; only http: and https: redirects are followed");
        }
        fromHttp(next.toString(), next, target, redirects + 1);
    }

    private void copy(InputStream in, Path target, String what) throws IOException, KuraException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > maxBytes) {
                    throw new KuraException(KuraErrorCode.BAD_REQUEST, what + " is larger than the limit of "
                            + maxBytes + " bytes (" + AgentSettings.MAX_PACKAGE_BYTES + "); refused");
                }
                out.write(buffer, 0, read);
            }
        }
    }

    private KuraException tooLarge(String what, long size) {
        return new KuraException(KuraErrorCode.BAD_REQUEST, what + " is " + size + " bytes, past the limit of "
                + maxBytes + " bytes (" + AgentSettings.MAX_PACKAGE_BYTES + "); refused");
    }
}
