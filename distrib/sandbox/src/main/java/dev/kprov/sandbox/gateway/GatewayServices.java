package dev.kprov.sandbox.gateway;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

import dev.kprov.sandbox.secret.Secret;

/**
 * The emulated gateway's services the sandbox drives from outside the framework: ConfigurationAdmin (the
 * agent's configuration), CryptoService (encrypting its passwords, as Kura stores them), the
 * {@code SSLKeystore} KeystoreService (the gateway's trust anchors) and Kura's ConfigurationService
 * (reading a component's configuration back).
 */
public final class GatewayServices implements AutoCloseable {

    public static final String AGENT_PID = "dev.kprov.agent.ProvisioningService";
    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";
    private static final String CRYPTO = "org.eclipse.kura.crypto.CryptoService";
    private static final String KEYSTORE = "org.eclipse.kura.security.keystore.KeystoreService";
    private static final String CONFIGURATION_SERVICE = "org.eclipse.kura.configuration.ConfigurationService";
    private static final String COMPONENT_CONFIGURATION = "org.eclipse.kura.configuration.ComponentConfiguration";

    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
    private final Object configurationAdmin;
    private final Object crypto;
    private final Object keystore;
    private final Object configurationService;

    private GatewayServices(BundleContext context, Duration timeout) throws GatewayException {
        configurationAdmin = await(context, "(objectClass=" + CONFIGURATION_ADMIN + ")", timeout);
        crypto = await(context, "(objectClass=" + CRYPTO + ")", timeout);
        keystore = await(context, "(&(objectClass=" + KEYSTORE + ")(kura.service.pid=SSLKeystore))", timeout);
        configurationService = await(context, "(objectClass=" + CONFIGURATION_SERVICE + ")", timeout);
    }

    /** Waits up to {@code timeout} for each service. */
    public static GatewayServices await(BundleContext context, Duration timeout) throws GatewayException {
        return new GatewayServices(context, timeout);
    }

    private Object await(BundleContext context, String filter, Duration timeout) throws GatewayException {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
        // All services: the sandbox has no class space of its own for them (reference/BUILD-NOTES.md, pitfall 9).
        tracker.open(true);
        trackers.add(tracker);
        try {
            Object service = tracker.waitForService(timeout.toMillis());
            if (service == null) {
                throw new GatewayException("no service " + filter + " within " + timeout.toSeconds() + " s");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted while waiting for " + filter, e);
        }
    }

    /** {@code secret} encrypted with the gateway's key, as Kura stores a password setting. */
    public String encrypt(Secret secret) throws GatewayException {
        char[] encrypted = (char[]) Reflective.call(crypto, CRYPTO, "encryptAes", new Class<?>[] { char[].class },
                (Object) secret.reveal().toCharArray());
        return new String(encrypted);
    }

    /** Puts each certificate into the keystore as a trusted entry {@code alias-0}, {@code alias-1}, ... */
    public void trust(String alias, List<X509Certificate> certificates) throws GatewayException {
        forget(alias);
        for (int i = 0; i < certificates.size(); i++) {
            Reflective.call(keystore, KEYSTORE, "setEntry", new Class<?>[] { String.class, KeyStore.Entry.class },
                    alias + "-" + i, new KeyStore.TrustedCertificateEntry(certificates.get(i)));
        }
    }

    /** Removes the entries {@link #trust} made under {@code alias}. */
    public void forget(String alias) throws GatewayException {
        String prefix = alias.toLowerCase(Locale.ROOT) + "-";
        for (String name : keystoreAliases()) {
            if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                Reflective.call(keystore, KEYSTORE, "deleteEntry", new Class<?>[] { String.class }, name);
            }
        }
    }

    @SuppressWarnings("unchecked")
    public List<String> keystoreAliases() throws GatewayException {
        List<String> aliases = new ArrayList<>(
                (List<String>) Reflective.call(keystore, KEYSTORE, "getAliases", new Class<?>[0]));
        Collections.sort(aliases);
        return aliases;
    }

    /** The agent's configuration as ConfigurationAdmin holds it, when there is one. */
    public Optional<Map<String, Object>> agentConfiguration() throws GatewayException {
        Object[] found = (Object[]) Reflective.call(configurationAdmin, CONFIGURATION_ADMIN, "listConfigurations",
                new Class<?>[] { String.class }, "(service.pid=" + AGENT_PID + ")");
        if (found == null || found.length == 0) {
            return Optional.empty();
        }
        Dictionary<?, ?> properties = (Dictionary<?, ?>) Reflective.call(found[0], CONFIGURATION, "getProperties",
                new Class<?>[0]);
        Map<String, Object> copy = new HashMap<>();
        if (properties != null) {
            for (Object key : Collections.list(properties.keys())) {
                copy.put((String) key, properties.get(key));
            }
        }
        return Optional.of(copy);
    }

    /** Every configuration ConfigurationAdmin holds, by PID, its properties as they are stored. */
    public Map<String, Map<String, Object>> allConfigurations() throws GatewayException {
        Object[] found = (Object[]) Reflective.call(configurationAdmin, CONFIGURATION_ADMIN, "listConfigurations",
                new Class<?>[] { String.class }, (Object) null);
        Map<String, Map<String, Object>> all = new TreeMap<>();
        for (Object configuration : found == null ? new Object[0] : found) {
            Dictionary<?, ?> properties = (Dictionary<?, ?>) Reflective.call(configuration, CONFIGURATION,
                    "getProperties", new Class<?>[0]);
            Map<String, Object> copy = new TreeMap<>();
            if (properties != null) {
                for (Object key : Collections.list(properties.keys())) {
                    copy.put((String) key, properties.get(key));
                }
            }
            all.put((String) Reflective.call(configuration, CONFIGURATION, "getPid", new Class<?>[0]), copy);
        }
        return all;
    }

    /** The keystore entry under {@code alias}, or null. */
    public KeyStore.Entry keystoreEntry(String alias) throws GatewayException {
        return (KeyStore.Entry) Reflective.call(keystore, KEYSTORE, "getEntry", new Class<?>[] { String.class }, alias);
    }

    /** Replaces the agent's configuration, as the Kura web UI ends up doing (ConfigurationAdmin). */
    public void writeAgentConfiguration(Map<String, Object> properties) throws GatewayException {
        Object configuration = Reflective.call(configurationAdmin, CONFIGURATION_ADMIN, "getConfiguration",
                new Class<?>[] { String.class, String.class }, AGENT_PID, "?");
        Dictionary<String, Object> dictionary = new Hashtable<>(properties);
        Reflective.call(configuration, CONFIGURATION, "update", new Class<?>[] { Dictionary.class }, dictionary);
    }

    /** A component's configuration as Kura's ConfigurationService reports it (defaults included). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> componentConfiguration(String pid) throws GatewayException {
        Object component = Reflective.call(configurationService, CONFIGURATION_SERVICE, "getComponentConfiguration",
                new Class<?>[] { String.class }, pid);
        if (component == null) {
            return Map.of();
        }
        Map<String, Object> properties = (Map<String, Object>) Reflective.call(component, COMPONENT_CONFIGURATION,
                "getConfigurationProperties", new Class<?>[0]);
        return properties == null ? Map.of() : new HashMap<>(properties);
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
    }
}
