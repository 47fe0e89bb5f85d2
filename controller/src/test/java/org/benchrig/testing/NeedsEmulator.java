package org.benchrig.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/** The test starts QEMU (an emulated micro:bit), directly or through a rig config with boards. The fast tier (`./benchrig test --fast`) leaves such classes out; the full tier runs them. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("emulator")
public @interface NeedsEmulator {
}
