package dev.kprov.sandbox.run;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;

import dev.kprov.sandbox.gateway.GatewayException;
import dev.kprov.sandbox.gateway.GatewayServices;

/**
 * {@code --state DIR}: what a provisioning run may change on the gateway, one fact a line, sorted, so
 * that two states compare with {@code diff}: every configuration ConfigurationAdmin holds, property by
 * property; every keystore entry, by alias and certificate digest; every bundle with its version and state
 * (deployment packages install bundles); whether the agent's journal shows a run in progress. Values are
 * written as stored: passwords are CryptoService cipher text, never clear text.
 */
final class GatewayState {

    private GatewayState() {
    }

    static List<String> lines(GatewayServices services, Bundle[] bundles, Path journal) throws GatewayException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> configuration : services.allConfigurations().entrySet()) {
            for (Map.Entry<String, Object> property : configuration.getValue().entrySet()) {
                lines.add("configuration " + configuration.getKey() + " " + property.getKey() + "="
                        + text(property.getValue()));
            }
        }
        for (String alias : services.keystoreAliases()) {
            lines.add("keystore " + alias + " " + describe(services.keystoreEntry(alias)));
        }
        for (Bundle bundle : bundles) {
            if (bundle.getBundleId() != 0) {
                lines.add("bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " " + state(bundle));
            }
        }
        lines.add("journal " + (Files.exists(journal) ? "run in progress" : "none"));
        lines.sort(null);
        return lines;
    }

    static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String text(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(String.valueOf(Array.get(value, i)));
            }
            return items.toString();
        }
        return String.valueOf(value);
    }

    private static String describe(KeyStore.Entry entry) {
        if (entry instanceof KeyStore.TrustedCertificateEntry trusted) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(trusted.getTrustedCertificate().getEncoded());
                return "trusted certificate sha256:" + HexFormat.of().formatHex(digest);
            } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
                return "trusted certificate (unreadable: " + e.getMessage() + ")";
            }
        }
        return entry == null ? "none" : entry.getClass().getSimpleName();
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
