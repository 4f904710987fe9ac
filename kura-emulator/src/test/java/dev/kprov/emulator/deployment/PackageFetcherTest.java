package dev.kprov.emulator.deployment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

class PackageFetcherTest {

    private static final int LIMIT = 1000;

    @TempDir
    Path dir;

    private HttpServer server;
    private String base;
    private Path target;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/small.dp", exchange -> reply(exchange, 200, new byte[LIMIT], LIMIT));
        server.createContext("/declared-large.dp", exchange -> reply(exchange, 200, new byte[0], LIMIT + 1));
        // length 0: chunked, so the size is only known while reading
        server.createContext("/streamed-large.dp", exchange -> reply(exchange, 200, new byte[LIMIT + 1], 0));
        server.createContext("/missing.dp", exchange -> reply(exchange, 404, new byte[0], -1));
        server.createContext("/moved.dp", exchange -> redirect(exchange, "/small.dp"));
        server.createContext("/loop.dp", exchange -> redirect(exchange, "/loop.dp"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        target = dir.resolve("download.part");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange exchange, int code, byte[] body, long length) throws IOException {
        exchange.sendResponseHeaders(code, length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client may hang up once it has seen too much: that is the point of some tests
        }
        exchange.close();
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        reply(exchange, 302, new byte[0], -1);
    }

    private PackageFetcher fetcher() {
        return new PackageFetcher(AgentSettings.of(dir.resolve("dpa.properties"), dir).withMaxPackageBytes(LIMIT)
                .withTimeouts(5000, 5000), () -> null);
    }

    private KuraException refused(String url, KuraErrorCode code) {
        KuraException refused = assertThrows(KuraException.class, () -> fetcher().fetch(url, target));
        assertEquals(code, refused.getCode(), refused.getMessage());
        return refused;
    }

    @Test
    void copiesALocalFileOfTheLimitExactly() throws Exception {
        byte[] content = new byte[LIMIT];
        content[0] = 42;
        Path source = Files.write(dir.resolve("source.dp"), content);

        fetcher().fetch(source.toUri().toString(), target);

        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    void refusesALocalFilePastTheLimitNamingSizeAndLimit() throws Exception {
        Path source = Files.write(dir.resolve("large.dp"), new byte[LIMIT + 1]);

        KuraException refused = refused(source.toUri().toString(), KuraErrorCode.BAD_REQUEST);

        assertTrue(refused.getMessage().contains((LIMIT + 1) + " bytes, past the limit of " + LIMIT), refused.getMessage());
    }

    @Test
    void downloadsOverHttpAndFollowsARedirect() throws Exception {
        fetcher().fetch(base + "/moved.dp", target);

        assertEquals(LIMIT, Files.size(target));
    }

    @Test
    void refusesAnHttpPackagePastTheLimitDeclaredOrStreamed() {
        KuraException declared = refused(base + "/declared-large.dp", KuraErrorCode.BAD_REQUEST);
        assertTrue(declared.getMessage().contains("past the limit of " + LIMIT), declared.getMessage());

        KuraException streamed = refused(base + "/streamed-large.dp", KuraErrorCode.BAD_REQUEST);
        assertTrue(streamed.getMessage().contains("larger than the limit of " + LIMIT), streamed.getMessage());
    }

    @Test
    void anHttpErrorNamesTheStatusButNotTheCredentials() {
        String url = base.replace("http://", "http://user:s3cret@") + "/missing.dp?token=t0ken";

        KuraException refused = refused(url, KuraErrorCode.IO_ERROR);

        assertTrue(refused.getMessage().contains("HTTP 404"), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
        assertFalse(refused.getMessage().contains("t0ken"), refused.getMessage());
    }

    @Test
    void stopsFollowingARedirectLoop() {
        KuraException refused = refused(base + "/loop.dp", KuraErrorCode.IO_ERROR);

        assertTrue(refused.getMessage().contains("more than " + PackageFetcher.MAX_REDIRECTS + " redirects"),
                refused.getMessage());
    }

    @Test
    void refusesAMalformedUrlNamingTheProblem() {
        KuraException refused = refused("file:///a b|c", KuraErrorCode.BAD_REQUEST);

        assertTrue(refused.getMessage().contains("is not a URL"), refused.getMessage());
    }
}
