package org.benchrig.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (junit-platform.properties): after a class, no process this JVM
 * started may still run, whether QEMU, an interpreter or a broker. Found by handle, never by name.
 */
public final class NoLeftoverProcesses implements AfterAllCallback {
    /** A process that was just told to stop may take a moment to exit. */
    private static final long EXIT_WAIT_MS = 5_000;

    @Override
    public void afterAll(ExtensionContext context) {
        long until = System.currentTimeMillis() + EXIT_WAIT_MS;
        List<ProcessHandle> alive;
        do {
            alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .filter(p -> !p.info().command().orElse("").endsWith("/jspawnhelper")).toList();
            if (alive.isEmpty()) {
                return;
            }
            alive.forEach(p -> p.onExit().orTimeout(100, TimeUnit.MILLISECONDS).exceptionally(x -> null).join());
        } while (System.currentTimeMillis() < until);
        List<String> described = alive.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        alive.forEach(ProcessHandle::destroyForcibly); // do not let one leak spoil the next class
        assertThat(described).as("processes left running by " + context.getDisplayName()).isEmpty();
    }
}
