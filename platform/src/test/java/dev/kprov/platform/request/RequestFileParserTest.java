package dev.kprov.platform.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request file format of platform/README.md: every key, and one line for each kind of mistake. */
class RequestFileParserTest {

    private static final String CONFIGURATION = "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\">"
            + "<esf:configuration pid=\"org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport\"><esf:properties>"
            + "<esf:property name=\"username\" type=\"String\"><esf:value>acct-user</esf:value></esf:property>"
            + "<esf:property name=\"password\" type=\"Password\"><esf:value>acct-pw</esf:value></esf:property>"
            + "</esf:properties></esf:configuration></esf:configurations>";

    @TempDir
    Path directory;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(directory.resolve("conf.xml"), CONFIGURATION);
        Files.createDirectories(directory.resolve("apps"));
        dp(directory.resolve("apps/a.dp"), "org.example.a;singleton:=true", "1.0.0");
        dp(directory.resolve("apps/b.dp"), "org.example.b", "2.0.0");
        Files.writeString(directory.resolve("password.txt"), "file-password\n");
        dp(directory.resolve("apps/nameless.dp"), null, "1.0.0");
    }

    @Test
    void readsEveryKey() throws Exception {
        Path file = write("full.properties", "client.id=gw-1", "username=gw-1-user", "password.file=password.txt",
                "activation.key.file=keys/gw-1.key", "account.name=acme", "configuration=conf.xml",
                "application.0=apps/a.dp", "application.1=apps/b.dp", "activates.on=2026-01-01T00:00:00Z",
                "expires.on=2036-01-01T00:00:00Z", "max.attempts=5", "retry.after.seconds=120", "prepare.seconds=3");
        RequestFileParser.Parsed parsed = RequestFileParser.parse(file);
        ProvisionRequestSpec spec = parsed.spec();
        assertEquals("gw-1", spec.clientId());
        assertEquals("gw-1-user", spec.username());
        assertTrue(spec.passwordMatches("file-password".getBytes()));
        assertEquals("acme", spec.accountName());
        assertEquals(directory.resolve("conf.xml"), spec.configuration());
        assertEquals(2, spec.applications().size());
        assertEquals("org.example.a", spec.applications().get(0).name());
        assertEquals("1.0.0", spec.applications().get(0).version());
        assertEquals("org.example.b", spec.applications().get(1).name());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), spec.activatesOn().orElseThrow());
        assertEquals(Instant.parse("2036-01-01T00:00:00Z"), spec.expiresOn().orElseThrow());
        assertEquals(5, spec.maxAttempts().getAsInt());
        assertEquals(120, spec.retryAfterSeconds());
        assertEquals(3, spec.prepareDelay().toSeconds());
        assertEquals(file, spec.source().orElseThrow());
        assertEquals("acct-user", spec.accountCredentials().orElseThrow().username());
        assertEquals("gw-1", spec.accountCredentials().orElseThrow().clientId(), "client-id defaults to the device's");

        Path keyFile = directory.resolve("keys/gw-1.key");
        String key = Files.readString(keyFile).trim();
        assertTrue(key.matches("[A-Za-z0-9]{32}"), "a generated key is 32 characters [A-Za-z0-9]");
        assertEquals(key, spec.activationKey().orElseThrow());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals(key, RequestFileParser.parse(file).spec().activationKey().orElseThrow(), "the key is kept");
        assertFalse(spec.toString().contains(key) || spec.toString().contains("file-password"), spec.toString());
    }

    @Test
    void theDigestIgnoresCommentsAndOrderButNotContent() throws Exception {
        String digest = RequestFileParser.parse(write("a.properties", "client.id=x", "username=u", "password=p",
                "account.name=acme", "configuration=conf.xml")).digest();
        assertEquals(digest, RequestFileParser.parse(write("a.properties", "# comment", "configuration=conf.xml",
                "account.name=acme", "password=p", "username=u", "client.id=x")).digest());
        Files.writeString(directory.resolve("conf.xml"), CONFIGURATION + "\n");
        assertFalse(digest.equals(RequestFileParser.parse(write("a.properties", "client.id=x", "username=u",
                "password=p", "account.name=acme", "configuration=conf.xml")).digest()), "the configuration changed");
    }

    @Test
    void eachMistakeIsNamed() throws Exception {
        String[] base = {"client.id=gw", "username=u", "password=p", "account.name=acme", "configuration=conf.xml"};
        assertProblem("unknown key 'max.atempts'", base, "max.atempts=3");
        assertProblem("give password or password.file, not both", base, "password.file=password.txt");
        assertProblem("application.0 is missing", base, "application.1=apps/a.dp");
        assertProblem("unknown key 'application.9'", base, "application.9=apps/a.dp");
        assertProblem("activates.on 'tomorrow' is not an ISO-8601 instant", base, "activates.on=tomorrow");
        assertProblem("expires.on must be after activates.on", base, "activates.on=2030-01-01T00:00:00Z",
                "expires.on=2029-01-01T00:00:00Z");
        assertProblem("max.attempts must be at least 1", base, "max.attempts=0");
        assertProblem("max.attempts 'many' is not an integer", base, "max.attempts=many");
        assertProblem("prepare.seconds must be between 0 and 3600", base, "prepare.seconds=7200");
        assertProblem("conf.xml: not a deployment package", base, "application.0=conf.xml");
        assertProblem("nameless.dp: the manifest lacks DeploymentPackage-SymbolicName", base,
                "application.0=apps/nameless.dp");
        assertProblem("client.id 'a/b' must be one topic level", replace(base, 0, "client.id=a/b"));
        assertProblem("account.name 'a+' must be one topic level", replace(base, 3, "account.name=a+"));
        assertProblem("client.id is missing", replace(base, 0, "# no client id"));
        assertProblem("configuration is missing", replace(base, 4, "# no configuration"));
        assertProblem("lacks the account connection", replace(base, 4, "configuration=other.xml"));
        assertProblem("password is missing", replace(base, 2, "password="));
    }

    private void assertProblem(String expected, String[] base, String... extra) throws IOException {
        String[] lines = new String[base.length + extra.length];
        System.arraycopy(base, 0, lines, 0, base.length);
        System.arraycopy(extra, 0, lines, base.length, extra.length);
        Files.writeString(directory.resolve("other.xml"), "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"/>");
        Path file = write("bad.properties", lines);
        InvalidRequestException problem = assertThrows(InvalidRequestException.class, () -> RequestFileParser.parse(file));
        assertTrue(problem.getMessage().contains(expected), "'" + problem.getMessage() + "' should say " + expected);
        assertFalse(problem.getMessage().contains("\n"), "one line");
    }

    private static String[] replace(String[] base, int index, String line) {
        String[] copy = base.clone();
        copy[index] = line;
        return copy;
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static void dp(Path file, String name, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (name != null) {
            manifest.getMainAttributes().putValue("DeploymentPackage-SymbolicName", name);
        }
        manifest.getMainAttributes().putValue("DeploymentPackage-Version", version);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }
}
