package dev.kprov.agent.component;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.system.SystemService;

/**
 * The agent's own settings validation ({@link Options#parse}) for the fleet benchmark, outside a
 * framework: the settings as SCR would hand them over, passwords as a CryptoService that stores them in the
 * clear would give them back. In the agent's package because {@code parse} is package-private; bench only.
 */
public final class FleetOptions {

    private static final CryptoService CLEAR = (CryptoService) Proxy.newProxyInstance(
            CryptoService.class.getClassLoader(), new Class<?>[] { CryptoService.class }, (proxy, method, args) -> {
                if (method.getName().equals("decryptAes") && args != null && args[0] instanceof char[]) {
                    return ((char[]) args[0]).clone();
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private static final SystemService NO_SYSTEM = (SystemService) Proxy.newProxyInstance(
            SystemService.class.getClassLoader(), new Class<?>[] { SystemService.class }, (proxy, method, args) -> null);

    private FleetOptions() {
    }

    public static Options of(Map<String, Object> settings) throws InvalidSettingException {
        ProvisioningConfig config = (ProvisioningConfig) Proxy.newProxyInstance(
                ProvisioningConfig.class.getClassLoader(), new Class<?>[] { ProvisioningConfig.class },
                (proxy, method, args) -> answer(settings, method));
        return Options.parse(config, CLEAR, NO_SYSTEM);
    }

    private static Object answer(Map<String, Object> settings, Method method) {
        String name = method.getName().replace("$_$", "-").replace('_', '.');
        Object value = settings.get(name);
        if (value == null) {
            return method.getDefaultValue();
        }
        Class<?> type = method.getReturnType();
        if (type == int.class) {
            return ((Number) value).intValue();
        }
        if (type == boolean.class) {
            return value;
        }
        return String.valueOf(value);
    }
}
