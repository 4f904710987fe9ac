package dev.kprov.emulator.configuration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.kura.configuration.ConfigurationService;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@link ConfigStore} over the framework's ConfigurationAdmin. Configurations are obtained with the location
 * {@code "?"} (any bundle), as Kura does, so that they are never bound to this bundle. Lookups use
 * {@link ConfigurationAdmin#listConfigurations(String)}, which creates nothing.
 */
final class AdminConfigStore implements ConfigStore {

    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin admin;

    AdminConfigStore(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    @Override
    public List<Stored> listManaged() throws IOException {
        return list("(" + ConfigurationService.KURA_SERVICE_PID + "=*)");
    }

    @Override
    public Optional<Stored> findManaged(String kuraPid) throws IOException {
        List<Stored> found = list("(" + ConfigurationService.KURA_SERVICE_PID + "=" + escape(kuraPid) + ")");
        for (Stored stored : found) {
            if (stored.servicePid().equals(kuraPid)) {
                return Optional.of(stored);
            }
        }
        return found.stream().findFirst();
    }

    @Override
    public Optional<Stored> get(String servicePid) throws IOException {
        return list("(" + Constants.SERVICE_PID + "=" + escape(servicePid) + ")").stream().findFirst();
    }

    @Override
    public void update(String servicePid, Map<String, Object> properties) throws IOException {
        try {
            admin.getConfiguration(servicePid, ANY_LOCATION).update(dictionary(properties));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw refused(servicePid, e);
        }
    }

    @Override
    public String createFactory(String factoryPid, Map<String, Object> properties) throws IOException {
        try {
            Configuration configuration = admin.createFactoryConfiguration(factoryPid, ANY_LOCATION);
            configuration.update(dictionary(properties));
            return configuration.getPid();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw refused(factoryPid, e);
        }
    }

    @Override
    public void delete(String servicePid) throws IOException {
        Configuration[] found = listConfigurations("(" + Constants.SERVICE_PID + "=" + escape(servicePid) + ")");
        try {
            for (Configuration configuration : found) {
                configuration.delete();
            }
        } catch (IllegalStateException e) {
            throw refused(servicePid, e); // deleted meanwhile
        }
    }

    /** ConfigurationAdmin's refusal (a key twice in different case, a configuration deleted meanwhile). */
    private static IOException refused(String pid, RuntimeException e) {
        // its message is not repeated: it could quote a value
        return new IOException("ConfigurationAdmin refused the change of " + pid + " (" + e.getClass().getSimpleName()
                + ")", e);
    }

    private List<Stored> list(String filter) throws IOException {
        List<Stored> result = new ArrayList<>();
        for (Configuration configuration : listConfigurations(filter)) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties != null) {
                result.add(new Stored(configuration.getPid(), configuration.getFactoryPid(), map(properties)));
            }
        }
        return result;
    }

    private Configuration[] listConfigurations(String filter) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? new Configuration[0] : found;
        } catch (InvalidSyntaxException e) {
            throw new IOException("filter " + filter + " is not valid", e);
        }
    }

    private static Map<String, Object> map(Dictionary<String, Object> properties) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            map.put(key, properties.get(key));
        }
        return map;
    }

    private static Dictionary<String, Object> dictionary(Map<String, Object> properties) {
        Hashtable<String, Object> dictionary = new Hashtable<>();
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            if (entry.getValue() != null) {
                dictionary.put(entry.getKey(), entry.getValue());
            }
        }
        dictionary.remove(Constants.SERVICE_PID);
        dictionary.remove(ConfigurationAdmin.SERVICE_FACTORYPID);
        dictionary.remove(ConfigurationAdmin.SERVICE_BUNDLELOCATION);
        return dictionary;
    }

    /** {@code value} escaped for an LDAP filter (RFC 1960: backslash, asterisk, parentheses). */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
