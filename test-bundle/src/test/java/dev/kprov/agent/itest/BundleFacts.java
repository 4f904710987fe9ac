package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;

/**
 * What every Kura gateway from 5.0 on needs of the agent bundle (DESIGN.md, "Decisions and why"), checked
 * on the bundle as a framework installed it. The same facts as ../shared/tools/check-bundle.py.
 */
final class BundleFacts {

    /** The lowest version of each Kura package on Kura 5.0 (reference/KURA-API-FACTS.md section 2). */
    static final Map<String, String> KURA_5_0_FLOORS = new TreeMap<>();

    static {
        KURA_5_0_FLOORS.put("org.eclipse.kura", "1.6");
        KURA_5_0_FLOORS.put("org.eclipse.kura.configuration", "1.2");
        KURA_5_0_FLOORS.put("org.eclipse.kura.configuration.metatype", "1.1");
        KURA_5_0_FLOORS.put("org.eclipse.kura.crypto", "1.3");
        KURA_5_0_FLOORS.put("org.eclipse.kura.system", "1.5");
        KURA_5_0_FLOORS.put("org.eclipse.kura.security.keystore", "1.0");
        KURA_5_0_FLOORS.put("org.eclipse.kura.data", "1.1");
        KURA_5_0_FLOORS.put("org.eclipse.kura.ssl", "2.1");
        KURA_5_0_FLOORS.put("org.eclipse.kura.deployment.agent", "1.1");
    }

    private BundleFacts() {
    }

    static void assertFitsEveryKuraFrom50(Bundle agent) throws IOException {
        assertEquals("dev.kprov.agent", agent.getSymbolicName());
        String imports = header(agent, "Import-Package");
        String exports = header(agent, "Export-Package");

        assertFalse(imports.contains("org.eclipse.paho"), "Paho is embedded, not imported: " + imports);
        assertFalse(exports.contains("org.eclipse.paho"), "Paho is private");
        assertFalse(exports.contains("org.eclipse.kura"), "the agent exports no Kura package");

        Map<String, String> ranges = importRanges(imports);
        for (Map.Entry<String, String> floor : KURA_5_0_FLOORS.entrySet()) {
            String range = ranges.get(floor.getKey());
            if (range != null) {
                assertTrue(range.startsWith("[" + floor.getValue()), floor.getKey() + " imported as " + range);
            }
        }
        assertTrue(ranges.containsKey("org.eclipse.kura.configuration"), "imports Kura's configuration API");
        assertEquals("[1.7,3)", ranges.get("org.slf4j"), "slf4j 1.7 (Kura 5) and 2 (Kura 6)");
        ranges.forEach((pkg, range) -> {
            if (pkg.startsWith("org.bouncycastle")) {
                assertEquals("[1.65,2)", range, pkg);
            }
        });

        Matcher ds = Pattern.compile("osgi\\.component\\)\\(version>=([0-9.]+)")
                .matcher(header(agent, "Require-Capability"));
        assertTrue(ds.find(), "requires the DS extender");
        assertEquals("1.4.0", ds.group(1), "DS 1.4 at most: Kura 5 ships Felix SCR 2.1.16");

        int classes = 0;
        for (URL entry : Collections.list(agent.findEntries("/", "*.class", true))) {
            if (entry.getPath().startsWith("/org/eclipse/paho")) {
                continue;
            }
            assertEquals(52, classMajorVersion(entry), entry + " is Java 8 bytecode");
            classes++;
        }
        assertTrue(classes > 5, "own classes found");

        URL services = agent.getEntry("META-INF/services/org.eclipse.paho.client.mqttv3.spi.NetworkModuleFactory");
        assertNotNull(services, "Paho finds its TCP and TLS modules through this file inside a framework");
        String factories;
        try (InputStream in = services.openStream()) {
            factories = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(factories.contains("internal.TCPNetworkModuleFactory"), "lists the TCP module: " + factories);
        assertTrue(factories.contains("internal.SSLNetworkModuleFactory"), "lists the TLS module: " + factories);
        assertNotNull(agent.getEntry("OSGI-INF/metatype/" + AgentConfig.PID + ".xml"),
                "Kura reads the metatype from this exact path");
    }

    private static String header(Bundle bundle, String name) {
        String value = bundle.getHeaders("").get(name);
        return value == null ? "" : value;
    }

    /** Package name to version range, from an Import-Package header. */
    static Map<String, String> importRanges(String header) {
        Map<String, String> ranges = new TreeMap<>();
        Matcher clause = Pattern.compile("([a-zA-Z0-9_.]+)((?:;[^,\"]*(?:\"[^\"]*\")?)*)").matcher(header);
        while (clause.find()) {
            Matcher version = Pattern.compile("version=\"([^\"]+)\"").matcher(clause.group(2));
            ranges.put(clause.group(1), version.find() ? version.group(1) : "");
        }
        return ranges;
    }

    private static int classMajorVersion(URL entry) throws IOException {
        try (InputStream in = entry.openStream()) {
            byte[] head = in.readNBytes(8);
            return ((head[6] & 0xff) << 8) | (head[7] & 0xff);
        }
    }
}
