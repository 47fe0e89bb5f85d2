package org.benchrig.compat;

/**
 * One thing the app needs: a requirement (from requirements.txt or pyproject.toml) or an imported
 * module (from its source).
 *
 * @param name        the distribution or top-level module name as written
 * @param requirement what pip is asked for (the requirement line), or null for an import
 * @param origin      where it was found, {@code FILE:LINE}
 * @param optional    an import guarded by {@code try/except ImportError}: the app runs without it
 */
public record Dependency(String name, String requirement, String origin, boolean optional) {

    /** The name as a module on a board would be called: PEP 503 normalised, with '_' for '-' and '.'. */
    public String moduleName() {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "_");
    }

    public boolean isImport() {
        return requirement == null;
    }
}
