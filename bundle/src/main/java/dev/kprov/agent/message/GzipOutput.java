package dev.kprov.agent.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Gzip compression for a sender of large payloads (PROTOCOL.md section 2). */
final class GzipOutput {

    private GzipOutput() {
    }

    static byte[] compress(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e); // never happens in memory
        }
        return out.toByteArray();
    }
}
