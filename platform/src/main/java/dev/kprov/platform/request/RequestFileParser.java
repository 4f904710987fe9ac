package dev.kprov.platform.request;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads one provision request file: a Java {@code .properties} file whose keys are documented in
 * {@code platform/README.md}. Paths in it are relative to the file. Unknown keys are errors, so that a
 * typo never silently drops a setting.
 */
public final class RequestFileParser {

    /** A request file is a few lines; anything larger is not one. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    static final Set<String> SINGLE_KEYS = Set.of("client.id", "username", "password", "password.file",
            "activation.key", "activation.key.file", "account.name", "configuration", "ssl.ca.certificates",
            "activates.on", "expires.on", "max.attempts", "retry.after.seconds", "prepare.seconds");
    static final String APPLICATION_PREFIX = "application.";

    /** A parsed request, the files it refers to, and a digest of everything it consists of. */
    public record Parsed(ProvisionRequestSpec spec, List<Path> referencedFiles, String digest) {
    }

    private RequestFileParser() {
    }

    public static Parsed parse(Path file) throws InvalidRequestException {
        byte[] raw = Fields.readBounded(file, MAX_FILE_BYTES, "request file");
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(raw, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidRequestException("not a valid properties file (" + e.getMessage() + ")", e);
        }
        TreeMap<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key).trim());
        }
        Path base = file.toAbsolutePath().getParent();
        List<Path> referenced = new ArrayList<>();
        ProvisionRequestSpec.Builder builder = ProvisionRequestSpec.builder(values.get("client.id")).source(file);
        List<Path> applications = applications(values, base);
        for (String key : values.keySet()) {
            if (!SINGLE_KEYS.contains(key) && !key.startsWith(APPLICATION_PREFIX)) {
                throw new InvalidRequestException("unknown key '" + key + "'");
            }
        }
        builder.username(values.get("username"));
        builder.password(secret(values, "password", base, referenced, false));
        builder.activationKey(secret(values, "activation.key", base, referenced, true));
        builder.accountName(values.get("account.name"));
        if (values.containsKey("configuration")) {
            Path configuration = base.resolve(values.get("configuration"));
            builder.configuration(configuration);
            referenced.add(configuration);
        }
        for (Path application : applications) {
            builder.addApplication(application);
            referenced.add(application);
        }
        if (values.containsKey("ssl.ca.certificates")) {
            Path pem = base.resolve(values.get("ssl.ca.certificates"));
            builder.sslCaCertificates(pem);
            referenced.add(pem);
        }
        if (values.containsKey("activates.on")) {
            builder.activatesOn(instant(values, "activates.on"));
        }
        if (values.containsKey("expires.on")) {
            builder.expiresOn(instant(values, "expires.on"));
        }
        if (values.containsKey("max.attempts")) {
            builder.maxAttempts(integer(values, "max.attempts"));
        }
        if (values.containsKey("retry.after.seconds")) {
            builder.retryAfterSeconds(integer(values, "retry.after.seconds"));
        }
        if (values.containsKey("prepare.seconds")) {
            builder.prepareSeconds(integer(values, "prepare.seconds"));
        }
        ProvisionRequestSpec spec = builder.build();
        return new Parsed(spec, List.copyOf(referenced), digest(values, referenced));
    }

    /** {@code application.0} to {@code application.8}, numbered from 0 without gaps, in that order. */
    private static List<Path> applications(TreeMap<String, String> values, Path base) throws InvalidRequestException {
        List<Path> applications = new ArrayList<>();
        int count = 0;
        for (String key : values.keySet()) {
            if (key.startsWith(APPLICATION_PREFIX)) {
                if (!key.matches("application\\.[0-8]")) {
                    throw new InvalidRequestException("unknown key '" + key + "' (applications are application.0 to "
                            + "application.8)");
                }
                count++;
            }
        }
        for (int i = 0; i < count; i++) {
            String value = values.get(APPLICATION_PREFIX + i);
            if (value == null || value.isEmpty()) {
                throw new InvalidRequestException("applications must be numbered application.0, application.1, ..."
                        + " without gaps (application." + i + " is missing)");
            }
            applications.add(base.resolve(value));
        }
        if (applications.size() > ProvisionRequestSpec.MAX_APPLICATIONS) {
            throw new InvalidRequestException(applications.size() + " applications, more than "
                    + ProvisionRequestSpec.MAX_APPLICATIONS);
        }
        return applications;
    }

    /** {@code key} given inline or as {@code key.file}, not both; a key file may be created with a new key. */
    private static String secret(TreeMap<String, String> values, String key, Path base, List<Path> referenced,
            boolean createKeyFile) throws InvalidRequestException {
        String inline = values.get(key);
        String fileName = values.get(key + ".file");
        if (inline != null && fileName != null) {
            throw new InvalidRequestException("give " + key + " or " + key + ".file, not both");
        }
        if (fileName == null) {
            return inline;
        }
        Path file = base.resolve(fileName);
        referenced.add(file);
        return createKeyFile ? ActivationKeys.readOrCreate(file) : ActivationKeys.firstLine(file, key + ".file");
    }

    private static Instant instant(TreeMap<String, String> values, String key) throws InvalidRequestException {
        try {
            return Instant.parse(values.get(key));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(key + " '" + values.get(key)
                    + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z", e);
        }
    }

    private static int integer(TreeMap<String, String> values, String key) throws InvalidRequestException {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(key + " '" + values.get(key) + "' is not an integer", e);
        }
    }

    /** Changes only when what the request consists of changes: not for comments, reordering or a touch. */
    private static String digest(TreeMap<String, String> values, List<Path> referenced) throws InvalidRequestException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(values.toString().getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[64 * 1024];
            for (Path file : referenced) {
                digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (IOException e) {
            throw new InvalidRequestException("cannot read a file it refers to (" + e + ")", e);
        }
    }
}
