package org.benchrig.instrument;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.benchrig.config.BoardConfig;
import org.benchrig.control.PowerSwitch;
import org.benchrig.control.ResetLine;
import org.benchrig.config.Platform;
import org.benchrig.config.PowerConfig;
import org.benchrig.config.RigConfig;

/**
 * The rig's Pi4J context and the instruments built on it, chosen by {@code platform}:
 * <ul>
 * <li>{@code simulated}: Pi4J's mock digital input/output providers and our
 *   {@link SimulatedI2CProvider} with a {@link SimulatedIna219} per configured power section,
 *   driven by a {@link PowerModel} of the emulated board; marker edges from {@link SimulatedMarker}.</li>
 * <li>{@code raspberrypi}: Pi4J's Linux providers: GPIO through gpiod ({@value #GPIO_IN} /
 *   {@value #GPIO_OUT}, works on the Pi 4 and the Pi 5), I2C through /dev/i2c-N ({@value #I2C}).</li>
 * </ul>
 * The context is created on first use, so a rig without instruments never touches Pi4J.
 */
public final class Instruments implements AutoCloseable {
    public static final String GPIO_IN = "gpiod-digital-input";
    public static final String GPIO_OUT = "gpiod-digital-output";
    public static final String I2C = "linuxfs-i2c";

    private final RigConfig config;
    private final boolean simulated;
    private final Map<String, BoardPower> powers = new LinkedHashMap<>();
    private final Map<String, SimulatedIna219> simulatedSensors = new LinkedHashMap<>();
    private Context context;
    private SimulatedI2CProvider simI2c;

    public Instruments(RigConfig config) {
        this.config = config;
        this.simulated = config.platform() == Platform.SIMULATED;
        Map<String, String> addresses = new LinkedHashMap<>();
        for (BoardConfig b : config.boards()) {
            if (b.power() != null) {
                String prev = addresses.put(b.power().bus() + ":" + b.power().address(), b.id());
                if (prev != null) {
                    throw new IllegalArgumentException("boards " + prev + " and " + b.id() + " both name power sensor "
                            + b.power().label() + " in " + config.source() + "; give each sensor its own address "
                            + "(INA219/INA226: 0x40, 0x41, 0x44, 0x45 by A0/A1)");
                }
            }
        }
    }

    public boolean simulated() {
        return simulated;
    }

    private synchronized Context context() {
        if (context == null) {
            if (simulated) {
                simI2c = new SimulatedI2CProvider();
                context = Pi4J.newContextBuilder().noAutoDetect()
                        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(), simI2c)
                        .build();
            } else {
                context = Pi4J.newContextBuilder().autoDetect().build();
            }
        }
        return context;
    }

    /** The board's power measurement, or null when its config has no power section. Built once per board. */
    public synchronized BoardPower power(BoardConfig b, Consumer<String> warnings) {
        if (b.power() == null) {
            return null;
        }
        BoardPower existing = powers.get(b.id());
        if (existing != null) {
            return existing;
        }
        Context ctx = context();
        PowerConfig p = b.power();
        BoardPower bp;
        if (simulated) {
            PowerModel model = PowerModel.microbit(b.id().hashCode());
            SimulatedIna219 chip = new SimulatedIna219(model, p.shuntOhms());
            simI2c.attach(p.bus(), p.address(), chip);
            simulatedSensors.put(b.id(), chip);
            PowerSensor sensor = sensor("ina219", i2c(ctx, SimulatedI2CProvider.ID, b.id(), p), p);
            int address = b.markerInput() != null ? b.markerInput() : 100 + powers.size();
            DigitalInput in = ctx.provider(MockDigitalInputProvider.ID, DigitalInputProvider.class)
                    .create(DigitalInputConfig.newBuilder(ctx).id("marker-" + b.id()).address(address)
                            .pull(PullResistance.PULL_DOWN).build());
            SimulatedMarker sim = new SimulatedMarker((MockDigitalInput) in, model);
            GpioMarkerInput marker = new GpioMarkerInput(in, sim.clock(), "GPIO " + address + " (simulated)");
            bp = new BoardPower(b.id(), new PowerSampler(sensor), marker, sim, true, warnings);
        } else {
            if (b.markerInput() == null) {
                throw new IllegalArgumentException("board " + b.id() + " has a power section but no marker_input: "
                        + "energy is integrated between the marker edges (docs/wiring.md)");
            }
            PowerSensor sensor = sensor(p.sensor(), i2c(ctx, I2C, b.id(), p), p);
            DigitalInput in = ctx.provider(GPIO_IN, DigitalInputProvider.class)
                    .create(DigitalInputConfig.newBuilder(ctx).id("marker-" + b.id()).address(b.markerInput())
                            .pull(PullResistance.PULL_DOWN).build());
            GpioMarkerInput marker = new GpioMarkerInput(in, System::nanoTime, "GPIO " + b.markerInput());
            bp = new BoardPower(b.id(), new PowerSampler(sensor), marker, null, false, warnings);
        }
        powers.put(b.id(), bp);
        return bp;
    }

    private static I2C i2c(Context ctx, String provider, String boardId, PowerConfig p) {
        I2CConfig cfg = com.pi4j.io.i2c.I2C.newConfigBuilder(ctx).id("power-" + boardId).bus(p.bus())
                .device(p.address()).build();
        return ctx.provider(provider, I2CProvider.class).create(cfg);
    }

    private static PowerSensor sensor(String kind, I2C i2c, PowerConfig p) {
        return "ina226".equals(kind) ? new Ina226(i2c, p.shuntOhms(), p.maxAmps())
                : new Ina219(i2c, p.shuntOhms(), p.maxAmps());
    }

    /** The simulated chip of a board (tests make it stop answering), or null. */
    public synchronized SimulatedIna219 simulatedSensor(String boardId) {
        return simulatedSensors.get(boardId);
    }

    /** A relay on the board's power_switch_pin, or null when none is named. */
    public synchronized PowerSwitch powerSwitch(BoardConfig b) {
        if (b.powerSwitchPin() == null) {
            return null;
        }
        DigitalOutput out = output(b.powerSwitchPin(), "relay-" + b.id(), DigitalState.HIGH);
        return new RelayPowerSwitch(out, true, RelayPowerSwitch.DEFAULT_MIN_OFF, "relay on GPIO " + b.powerSwitchPin());
    }

    /** An open-drain reset on the board's reset_pin, or null when none is named. */
    public synchronized ResetLine resetLine(BoardConfig b) {
        if (b.resetPin() == null) {
            return null;
        }
        DigitalOutput out = output(b.resetPin(), "reset-" + b.id(), DigitalState.LOW);
        return new GpioResetLine(out, "GPIO " + b.resetPin());
    }

    private DigitalOutput output(int bcm, String id, DigitalState initial) {
        Context ctx = context();
        String provider = simulated ? MockDigitalOutputProvider.ID : GPIO_OUT;
        return ctx.provider(provider, DigitalOutputProvider.class)
                .create(DigitalOutputConfig.newBuilder(ctx).id(id).address(bcm).initial(initial).shutdown(initial)
                        .build());
    }

    /** The GPIO lines a flasher drives (BOOT/RUN, EN), for the time of one flashing: closing them releases them. */
    public FlashLines flashLines() {
        return new FlashLines();
    }

    /** How long a relay stays off at least. */
    public static Duration minOff() {
        return RelayPowerSwitch.DEFAULT_MIN_OFF;
    }

    @Override
    public synchronized void close() {
        for (BoardPower p : powers.values()) {
            try {
                p.close();
            } catch (RuntimeException ignored) {
                // closing: the sensor may be gone already
            }
        }
        powers.clear();
        if (context != null) {
            try {
                context.shutdown();
            } catch (RuntimeException ignored) {
                // Pi4J shutdown problems must not hide the run's result
            }
            context = null;
        }
    }
}
