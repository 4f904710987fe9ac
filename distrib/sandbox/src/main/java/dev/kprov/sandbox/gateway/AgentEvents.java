package dev.kprov.sandbox.gateway;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Hears the agent's status events from outside the framework: an EventHandler on
 * {@value #TOPIC}, registered by the system bundle. It is a {@link Proxy} of the framework's own
 * {@code org.osgi.service.event.EventHandler} class, defined in the class loader of the bundle that
 * provides it, so EventAdmin sees a handler of its own class space (reference/BUILD-NOTES.md, "Two ways
 * to run the agent inside a framework"). Each event reaches the consumer as an {@link AgentStatus}, on
 * EventAdmin's delivery thread, in the order the agent posted them.
 */
public final class AgentEvents implements AutoCloseable {

    public static final String TOPIC = "dev/kprov/agent/STATE";
    private static final String EVENT_HANDLER = "org.osgi.service.event.EventHandler";
    private static final String EVENT = "org.osgi.service.event.Event";

    private final ServiceRegistration<?> registration;

    private AgentEvents(ServiceRegistration<?> registration) {
        this.registration = registration;
    }

    /** Registers the handler; {@code eventAdmin} is the bundle that provides the event API. */
    public static AgentEvents listen(BundleContext system, Bundle eventAdmin, Consumer<AgentStatus> consumer)
            throws GatewayException {
        Class<?> handlerType;
        try {
            handlerType = eventAdmin.loadClass(EVENT_HANDLER);
        } catch (ClassNotFoundException e) {
            throw new GatewayException("the event bundle " + eventAdmin.getSymbolicName() + " has no " + EVENT_HANDLER, e);
        }
        Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] { handlerType },
                new Handler(consumer));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("event.topics", TOPIC);
        return new AgentEvents(system.registerService(new String[] { EVENT_HANDLER }, handler, properties));
    }

    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with its framework
        }
    }

    /** The proxy's behaviour: {@code handleEvent} reads the event's properties; identity for the rest. */
    private static final class Handler implements InvocationHandler {

        private final Consumer<AgentStatus> consumer;

        Handler(Consumer<AgentStatus> consumer) {
            this.consumer = consumer;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "handleEvent" -> {
                    long now = System.nanoTime();
                    consumer.accept(status(args[0], now));
                    return null;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "kprov sandbox agent status listener";
                }
                default -> throw new UnsupportedOperationException(method.getName());
            }
        }

        private static AgentStatus status(Object event, long now) throws GatewayException {
            return new AgentStatus(text(event, "state"), number(event, "attempt").intValue(),
                    text(event, "request.id"), text(event, "error"), text(event, "message"),
                    number(event, "next.attempt").longValue(), now);
        }

        private static Object property(Object event, String name) throws GatewayException {
            return Reflective.call(event, EVENT, "getProperty", new Class<?>[] { String.class }, name);
        }

        private static String text(Object event, String name) throws GatewayException {
            Object value = property(event, name);
            return value == null ? "" : value.toString();
        }

        private static Number number(Object event, String name) throws GatewayException {
            Object value = property(event, name);
            return value instanceof Number n ? n : 0;
        }
    }
}
