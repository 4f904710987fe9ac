package dev.kprov.sandbox.gateway;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One OSGi bundle carried in the sandbox jar ({@code bundles/}), with its start level. Its framework
 * location carries a digest of its content, so a rebuilt sandbox replaces a bundle kept in a data folder.
 */
public final class EmbeddedBundle {

    static final String FOLDER = "/bundles/";
    static final String LIST = FOLDER + "bundles.list";
    static final String LOCATION_PREFIX = "kprov-sandbox:";

    private final String name;
    private final int startLevel;
    private final byte[] content;
    private final String location;

    private EmbeddedBundle(String name, int startLevel, byte[] content) {
        this.name = name;
        this.startLevel = startLevel;
        this.content = content;
        this.location = LOCATION_PREFIX + name + "@" + digest(content);
    }

    /** Every bundle of {@code bundles/bundles.list}, in its order, read once. */
    public static List<EmbeddedBundle> all() throws GatewayException {
        List<EmbeddedBundle> bundles = new ArrayList<>();
        for (String line : read(LIST, "the bundle list").lines().toList()) {
            String entry = line.trim();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] fields = entry.split("\\s+");
            if (fields.length != 2 || !fields[1].matches("[1-9]")) {
                throw new GatewayException("bundles.list: bad line '" + entry + "'");
            }
            bundles.add(new EmbeddedBundle(fields[0], Integer.parseInt(fields[1]),
                    bytes(FOLDER + fields[0], "bundle " + fields[0])));
        }
        return bundles;
    }

    public String name() {
        return name;
    }

    public int startLevel() {
        return startLevel;
    }

    /** {@code kprov-sandbox:<file>@<digest>}. */
    public String location() {
        return location;
    }

    /** True when {@code location} names this file, whatever its content. */
    boolean sameFile(String otherLocation) {
        return otherLocation.startsWith(LOCATION_PREFIX + name + "@");
    }

    InputStream open() {
        return new ByteArrayInputStream(content);
    }

    private static String read(String resource, String what) throws GatewayException {
        return new String(bytes(resource, what), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource, String what) throws GatewayException {
        try (InputStream in = EmbeddedBundle.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new GatewayException(what + " is missing from the sandbox jar (" + resource + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new GatewayException("cannot read " + what + " from the sandbox jar: " + e, e);
        }
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
