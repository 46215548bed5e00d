package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.solvers.NewtonSettings;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;

/** Options survive Java serialization (as Spark sends them) equal to themselves: method, steps, Newton, schedule, disk. */
class PortableOptionsTest {

    static GradientOptions travelled(GradientOptions options) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(PortableOptions.of(options));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return ((PortableOptions) in.readObject()).options();
        }
    }

    @Test
    void optionsTravelUnchanged() throws Exception {
        GradientOptions[] cases = {
            GradientOptions.defaults(),
            GradientOptions.defaults().withMethod(RungeKuttaMethods.ESDIRK4).withTolerances(1e-9, 1e-11)
                    .withCheckpoints(ScheduleSpec.binomial(7)).withStopWhenStiff(true),
            new GradientOptions(DiscreteMethod.of(RungeKuttaMethods.RK4), new Stepping(40, 1e-8, 1e-10, 100),
                    new NewtonSettings(1e-11, 1e-9, 9), new Checkpointing(ScheduleSpec.parse("disk:2,3"), 1 << 20,
                            Path.of("/tmp/snapshots")))
        };
        for (GradientOptions o : cases) {
            assertEquals(o, travelled(o));
        }
    }
}
