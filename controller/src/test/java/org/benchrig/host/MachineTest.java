package org.benchrig.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CPU a host value was taken on, as the provenance names it, on the machines the rig runs on. */
class MachineTest {
    @Test
    void anX86CpuIsItsModelName() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel\t\t: 85\n"
                + "model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nflags\t\t: fpu vme\n";
        assertThat(Machine.cpuModel(cpuinfo)).isEqualTo("Intel(R) Xeon(R) CPU @ 2.20GHz");
    }

    @Test
    void aRaspberryPiOnA64BitKernelIsNamedByItsBoard() {
        // arm64 kernels list no "model name"; the board's line comes last
        String cpuinfo = "processor\t: 0\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\nCPU part\t: 0xd08\n\n"
                + "Hardware\t: BCM2835\nRevision\t: c03114\nSerial\t\t: 10000000abcdef01\n"
                + "Model\t\t: Raspberry Pi 4 Model B Rev 1.4\n";
        assertThat(Machine.cpuModel(cpuinfo)).isEqualTo("Raspberry Pi 4 Model B Rev 1.4");
    }

    @Test
    void aRaspberryPiOnA32BitKernelNamesCoreAndBoard() {
        String cpuinfo = "processor\t: 0\nmodel name\t: ARMv7 Processor rev 3 (v7l)\nBogoMIPS\t: 108.00\n\n"
                + "Hardware\t: BCM2711\nModel\t\t: Raspberry Pi 4 Model B Rev 1.1\n";
        assertThat(Machine.cpuModel(cpuinfo)).isEqualTo("ARMv7 Processor rev 3 (v7l), Raspberry Pi 4 Model B Rev 1.1");
    }

    @Test
    void withoutEitherLineItSaysUnknownAndNeverBreaksTheProvenanceFields() {
        assertThat(Machine.cpuModel("")).isEqualTo("unknown");
        assertThat(Machine.cpuModel("model name\t: odd;name\n")).isEqualTo("odd,name");
        assertThat(new Machine(Machine.cpuModel(""), 2, "", "").describe())
                .isEqualTo("cpu=unknown;cores=2;governor=unknown;load=unknown");
    }
}
