package org.benchrig.compat;

import java.util.List;

/**
 * The modules a board's firmware has, as {@code help('modules')} listed them, and how that was obtained.
 *
 * @param key       what the list is cached by: {@code firmware-SHA256} of the configured image, or
 *                  {@code reported-SHA256} of what the board reports (implementation, version, machine)
 * @param askedAt   when the board was asked (ISO-8601, UTC)
 */
public record ModuleList(String board, String key, String implementation, String version, String machine,
                         String askedAt, List<String> modules) {
    public ModuleList {
        modules = List.copyOf(modules);
    }
}
