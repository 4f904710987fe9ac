package dev.kprov.agent.component;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a {@link ProvisioningConfig} the way SCR does for a component property type: each method answers
 * the configured property of its mapped name ({@code $_$} is '-', '_' is '.'), else the annotation default,
 * and converts the value only when called, so a value of the wrong type fails at that call.
 */
final class ConfigFixture {

    private final Map<String, Object> properties = new HashMap<>();

    static ConfigFixture enabled() {
        return new ConfigFixture().with("enabled", true).with("broker-url", "mqtts://provision.example.com:8883");
    }

    ConfigFixture with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    ProvisioningConfig build() {
        return (ProvisioningConfig) Proxy.newProxyInstance(ProvisioningConfig.class.getClassLoader(),
                new Class<?>[] { ProvisioningConfig.class }, (proxy, method, args) -> answer(method));
    }

    static String propertyName(Method method) {
        return method.getName().replace("$_$", "-").replace('_', '.');
    }

    private Object answer(Method method) {
        if (method.getDeclaringClass() == Object.class || method.getName().equals("annotationType")) {
            throw new UnsupportedOperationException(method.getName());
        }
        String name = propertyName(method);
        if (!properties.containsKey(name)) {
            return method.getDefaultValue();
        }
        Object value = properties.get(name);
        Class<?> type = method.getReturnType();
        if (type == String.class) {
            return String.valueOf(value);
        }
        if (type == int.class) {
            return value instanceof Number ? ((Number) value).intValue() : Integer.parseInt(value.toString());
        }
        if (type == boolean.class) {
            return value instanceof Boolean ? value : Boolean.parseBoolean(value.toString());
        }
        throw new IllegalArgumentException(type.toString());
    }
}
