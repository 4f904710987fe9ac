package dev.kprov.sandbox.gateway;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Calls a method of a service from inside a framework through the interface it implements there. The
 * sandbox's class path holds neither the Kura API nor the OSGi service APIs (those classes live in the
 * framework's bundles), so it names the interface and uses only Java types in and out.
 */
final class Reflective {

    private Reflective() {
    }

    /**
     * {@code target.method(args)} as declared by {@code type}, an interface it implements or a class it is.
     *
     * @throws GatewayException naming the call, with the failure's type and message (never an argument)
     */
    static Object call(Object target, String type, String method, Class<?>[] parameters, Object... args)
            throws GatewayException {
        String call = simpleName(type) + "." + method;
        Class<?> api = find(target.getClass(), type);
        if (api == null) {
            throw new GatewayException(call + ": the service does not implement " + type);
        }
        try {
            Method m = api.getMethod(method, parameters);
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new GatewayException(call + " failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        } catch (ReflectiveOperationException e) {
            throw new GatewayException(call + ": cannot be called (" + e + ")", e);
        }
    }

    /** The class or interface named {@code type} among {@code start}, its superclasses and their interfaces. */
    private static Class<?> find(Class<?> start, String type) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (Class<?> c = start; c != null; c = c.getSuperclass()) {
            todo.add(c);
        }
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (c.getName().equals(type)) {
                return c;
            }
            for (Class<?> i : c.getInterfaces()) {
                todo.add(i);
            }
        }
        return null;
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
