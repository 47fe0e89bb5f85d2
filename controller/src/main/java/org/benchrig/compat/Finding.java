package org.benchrig.compat;

/**
 * One dependency on one target: the verdict and the evidence for it.
 *
 * @param distribution the file pip picked (a wheel or an sdist), when a host was asked
 * @param tags         the wheel's tags ({@code py3-none-any}, {@code cp311-cp311-linux_x86_64}), built or picked
 * @param fromSource   whether the wheel had to be built from an sdist; null when no pip file was involved
 * @param uploadable   for a module missing on a board: the app's own pure-Python file of that name
 */
public record Finding(String dependency, String origin, boolean optional, String target, Verdict verdict,
                      String distribution, String tags, Boolean fromSource, String uploadable, String reason) {

    static Finding of(Dependency d, String target, Verdict verdict, String reason) {
        return new Finding(d.name(), d.origin(), d.optional(), target, verdict, null, null, null, null, reason);
    }
}
