package org.benchrig.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * One {@link RunListener} that hands every event to several, in order. A proxy rather than a
 * method per event: a new event reaches every listener without a line here.
 */
final class RunListeners {
    private RunListeners() {
    }

    /** The listeners as one; a listener that throws stops the event for those after it, as a direct call would. */
    static RunListener fanOut(List<RunListener> listeners) {
        List<RunListener> all = List.copyOf(listeners);
        return (RunListener) Proxy.newProxyInstance(RunListener.class.getClassLoader(), new Class<?>[] {RunListener.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "RunListeners" + all;
                        };
                    }
                    try {
                        for (RunListener l : all) {
                            method.invoke(l, args);
                        }
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return null;
                });
    }
}
