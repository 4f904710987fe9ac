package dev.kprov.kuraapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.deployment.agent.DeploymentAgentService;
import org.eclipse.kura.message.KuraPayload;
import org.eclipse.kura.system.SystemService;
import org.junit.jupiter.api.Test;

/**
 * Binary facts of the Kura API reproduction that are easy to get wrong and that would surface as
 * NoSuchMethodError / NoSuchFieldError / unresolved imports on a real gateway.
 * Source: ../shared/reference/KURA-API-FACTS.md, sections 2 and 3.
 */
class SignatureFactsTest {

    @Test
    void updateConfigurationWithSnapshotFlagHasKurasErasedDescriptorAndThrows() throws Exception {
        Method m = ConfigurationService.class.getMethod("updateConfiguration", String.class, Map.class,
                boolean.class);
        assertEquals("(Ljava/lang/String;Ljava/util/Map;Z)V", descriptor(m));
        assertEquals("java.util.Map<java.lang.String, java.lang.Object>",
                m.getGenericParameterTypes()[1].getTypeName());
        assertArrayEquals(new Class<?>[] { KuraException.class }, m.getExceptionTypes());
        assertTrue(Modifier.isAbstract(m.getModifiers()));
    }

    @Test
    void decryptAesOfCharsReturnsCharsAndThrowsKuraException() throws Exception {
        Method m = CryptoService.class.getMethod("decryptAes", char[].class);
        assertEquals(char[].class, m.getReturnType());
        assertEquals("([C)[C", descriptor(m));
        assertArrayEquals(new Class<?>[] { KuraException.class }, m.getExceptionTypes());
    }

    @Test
    void cryptoServiceHasNoPost5xStreamMethods() {
        for (Method m : CryptoService.class.getMethods()) {
            assertTrue(!m.getName().equals("aesEncryptingStream") && !m.getName().equals("aesDecryptingStream"),
                    "the 2025 stream methods (package 1.4.0) must not be in the 5.x reproduction: " + m);
        }
    }

    @Test
    void kuraErrorCodeDeclarationOrder() {
        KuraErrorCode[] v = KuraErrorCode.values();
        assertEquals(48, v.length);
        assertEquals(Arrays.asList("CONFIGURATION_ERROR", "CONFIGURATION_UPDATE", "CONFIGURATION_ROLLBACK",
                "CONFIGURATION_ATTRIBUTE_UNDEFINED", "CONFIGURATION_ATTRIBUTE_INVALID"),
                names(Arrays.copyOfRange(v, 0, 5)));
        assertEquals(Arrays.asList("IO_ERROR", "UNSUPPORTED_MODEM", "INVALID_CERTIFICATE_EXCEPTION"),
                names(Arrays.copyOfRange(v, v.length - 3, v.length)));
        assertThrows(IllegalArgumentException.class, () -> KuraErrorCode.valueOf("AUTHENTICATION_FAILED"),
                "AUTHENTICATION_FAILED is a Kura 6 (API 3.0) addition");
    }

    @Test
    void deploymentAgentTopicsAreDerivedFromThePackageName() {
        assertEquals("org/eclipse/kura/deployment/agent/INSTALLED", DeploymentAgentService.EVENT_INSTALLED_TOPIC);
        assertEquals("org/eclipse/kura/deployment/agent/UNINSTALLED",
                DeploymentAgentService.EVENT_UNINSTALLED_TOPIC);
    }

    @Test
    void systemServiceConstantsAndMemberSet() throws Exception {
        assertEquals("kura.serialNumber", SystemService.KEY_SERIAL_NUM);
        assertEquals("kura.primary.network.interface", SystemService.KEY_PRIMARY_NET_IFACE);
        assertEquals(String.class, SystemService.class.getMethod("getPrimaryMacAddress").getReturnType());
        assertThrows(NoSuchMethodException.class, () -> SystemService.class.getMethod("getDefaultLogManager"),
                "getDefaultLogManager is a post-5.6 addition");
    }

    @Test
    void smallWorkingBodies() {
        assertEquals("secret", new Password("secret".toCharArray()).toString());
        KuraPayload p = new KuraPayload();
        p.addMetric("b", 1);
        p.addMetric("a", 2);
        assertEquals(Arrays.asList("b", "a"), new ArrayList<String>(p.metricNames()));
        assertThrows(UnsupportedOperationException.class, () -> p.metrics().put("c", 3));
        assertEquals(KuraErrorCode.TIMED_OUT, new org.eclipse.kura.KuraTimeoutException("t").getCode());
    }

    /**
     * {@code @Version} has CLASS retention, so the package versions are checked in the manifest that
     * bnd-process wrote to target/classes (process-classes runs before surefire).
     */
    @Test
    void packagesAreExportedAtTheKura50Floor() throws Exception {
        Map<String, String> expected = new LinkedHashMap<String, String>();
        expected.put("org.eclipse.kura", "1.6.0");
        expected.put("org.eclipse.kura.configuration", "1.2.0");
        expected.put("org.eclipse.kura.configuration.metatype", "1.1.0");
        expected.put("org.eclipse.kura.crypto", "1.3.0");
        expected.put("org.eclipse.kura.system", "1.5.0");
        expected.put("org.eclipse.kura.security.keystore", "1.0.0");
        expected.put("org.eclipse.kura.data", "1.1.2");
        expected.put("org.eclipse.kura.data.listener", "1.0.1");
        expected.put("org.eclipse.kura.data.transport.listener", "1.0.1");
        expected.put("org.eclipse.kura.message", "1.4.0");
        expected.put("org.eclipse.kura.ssl", "2.1.0");
        expected.put("org.eclipse.kura.deployment.agent", "1.1.0");

        File classes = new File(KuraException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        File mf = new File(classes, "META-INF/MANIFEST.MF");
        assertTrue(mf.isFile(), "bnd-process did not write " + mf);
        Manifest manifest;
        try (InputStream in = Files.newInputStream(mf.toPath())) {
            manifest = new Manifest(in);
        }
        assertEquals("dev.kprov.kura.api", manifest.getMainAttributes().getValue("Bundle-SymbolicName"));

        Map<String, String> exported = new LinkedHashMap<String, String>();
        for (String clause : splitOutsideQuotes(manifest.getMainAttributes().getValue("Export-Package"), ',')) {
            List<String> parts = splitOutsideQuotes(clause, ';');
            String version = null;
            for (String attr : parts.subList(1, parts.size())) {
                String a = attr.trim();
                if (a.startsWith("version=")) {
                    version = a.substring("version=".length()).replace("\"", "");
                }
            }
            exported.put(parts.get(0).trim(), version);
        }
        assertEquals(expected, exported);
    }

    private static List<String> names(KuraErrorCode[] codes) {
        List<String> l = new ArrayList<String>();
        for (KuraErrorCode c : codes) {
            l.add(c.name());
        }
        return l;
    }

    private static String descriptor(Method m) {
        StringBuilder sb = new StringBuilder("(");
        for (Class<?> p : m.getParameterTypes()) {
            sb.append(descriptor(p));
        }
        return sb.append(')').append(descriptor(m.getReturnType())).toString();
    }

    private static String descriptor(Class<?> c) {
        if (c.isArray()) {
            return "[" + descriptor(c.getComponentType());
        }
        if (c.isPrimitive()) {
            if (c == void.class) {
                return "V";
            }
            if (c == boolean.class) {
                return "Z";
            }
            if (c == long.class) {
                return "J";
            }
            return String.valueOf(Character.toUpperCase(c.getName().charAt(0)));
        }
        return "L" + c.getName().replace('.', '/') + ";";
    }

    private static List<String> splitOutsideQuotes(String s, char sep) {
        List<String> out = new ArrayList<String>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char ch : s.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
