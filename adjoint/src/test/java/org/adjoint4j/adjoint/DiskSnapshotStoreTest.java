package org.adjoint4j.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.adjoint4j.adjoint.problems.Lorenz96;
import org.adjoint4j.checkpointing.DiskCosts;
import org.adjoint4j.checkpointing.ScheduleSpec;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.RungeKuttaMethod;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk snapshots round-trip exactly; a corrupted, truncated, missing, foreign or stale snapshot
 * is reported with its file and never read as data, also when it is damaged in the middle of a
 * gradient run; files are removed after success and after failure.
 */
class DiskSnapshotStoreTest {

    private static final double[] STATE = {1.5, -2.25, Math.PI, Double.MIN_VALUE, -0.0};

    @Test
    void aSnapshotRoundTripsBitForBit(@TempDir Path dir) {
        try (DiskSnapshotStore store = new DiskSnapshotStore(dir, STATE.length)) {
            store.write(3, 42, STATE);
            double[] back = new double[STATE.length];
            store.read(3, 42, back);
            assertArrayEquals(STATE, back, 0.0);
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back[4]), "signed zero kept");
        }
        assertFalse(Files.exists(dir.resolve("slot-3.a4js")), "closed: files removed");
    }

    /** Two runs given the same directory each own a directory of their own inside it. */
    @Test
    void runsSharingADirectoryDoNotCollide(@TempDir Path dir) throws Exception {
        double[] other = {7, 8, 9, 10, 11};
        try (DiskSnapshotStore a = new DiskSnapshotStore(dir, STATE.length)) {
            try (DiskSnapshotStore b = new DiskSnapshotStore(dir, STATE.length)) {
                a.write(0, 1, STATE);
                b.write(0, 1, other);
                double[] back = new double[STATE.length];
                a.read(0, 1, back);
                assertArrayEquals(STATE, back, 0.0);
                b.read(0, 1, back);
                assertArrayEquals(other, back, 0.0);
            }
            double[] back = new double[STATE.length];
            a.read(0, 1, back);
            assertArrayEquals(STATE, back, 0.0, "closing one store leaves the other's files");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "both stores removed their directories");
        }
        // Two gradients at once on one disk directory: each equals the store-all gradient.
        GradientProblem problem = Lorenz96.problem(20);
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(300)
                .withCheckpoints(ScheduleSpec.disk(1, 30, DiskCosts.DEFAULT)).withDiskDirectory(dir);
        GradientResult reference = GradientSolver.solve(problem, options.withCheckpoints(ScheduleSpec.storeAll()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<GradientResult>> runs = new java.util.ArrayList<>();
            for (int k = 0; k < 4; k++) {
                runs.add(pool.submit(() -> GradientSolver.solve(problem, options)));
            }
            for (java.util.concurrent.Future<GradientResult> r : runs) {
                assertArrayEquals(reference.parameterGradient(), r.get().parameterGradient(), 0.0);
            }
        } finally {
            pool.shutdown();
        }
    }

    private static SnapshotException damaged(Path dir, java.util.function.Consumer<Path> damage) {
        try (DiskSnapshotStore store = new DiskSnapshotStore(dir, STATE.length)) {
            store.write(0, 7, STATE);
            damage.accept(store.file(0));
            return assertThrows(SnapshotException.class, () -> store.read(0, 7, new double[STATE.length]));
        }
    }

    @Test
    void everyKindOfDamageIsReportedWithTheFile(@TempDir Path dir) {
        SnapshotException flipped = damaged(dir, f -> poke(f, 30, (byte) 0x5a));
        assertTrue(flipped.getMessage().endsWith("is corrupted (checksum mismatch)"), flipped.getMessage());
        assertTrue(flipped.getMessage().contains("slot-0.a4js"), flipped.getMessage());
        SnapshotException truncated = damaged(dir, f -> truncate(f, 25));
        assertTrue(truncated.getMessage().contains("is 25 bytes, expected"), truncated.getMessage());
        SnapshotException missing = damaged(dir, f -> delete(f));
        assertTrue(missing.getMessage().endsWith("is missing"), missing.getMessage());
        SnapshotException foreign = damaged(dir, f -> poke(f, 0, (byte) 'X'));
        assertTrue(foreign.getMessage().contains("bad magic number"), foreign.getMessage());
        SnapshotException version = damaged(dir, f -> poke(f, 7, (byte) 9));
        assertTrue(version.getMessage().contains("format version"), version.getMessage());
        try (DiskSnapshotStore store = new DiskSnapshotStore(dir, STATE.length)) {
            store.write(1, 5, STATE);
            SnapshotException stale = assertThrows(SnapshotException.class,
                    () -> store.read(1, 6, new double[STATE.length]));
            assertTrue(stale.getMessage().contains("holds step 5"), stale.getMessage());
        }
    }

    @Test
    void aWriteToAnUnwritableDirectoryNamesThePath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("not-a-directory");
        Files.writeString(file, "x");
        SnapshotException e = assertThrows(SnapshotException.class, () -> new DiskSnapshotStore(file, 3));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    /** Lorenz-96 whose first backward product damages every snapshot file in the directory. */
    @Test
    void aSnapshotDamagedMidRunStopsTheRunAndTheFilesAreRemoved(@TempDir Path dir) throws IOException {
        GradientProblem base = Lorenz96.problem(20);
        Path snapshots = dir.resolve("snapshots");
        ParametricOde model = base.model();
        boolean[] damaged = {false};
        ParametricOde saboteur = new ParametricOde() {
            @Override
            public int stateDimension() {
                return model.stateDimension();
            }

            @Override
            public int parameterDimension() {
                return model.parameterDimension();
            }

            @Override
            public void rhs(double t, double[] y, double[] p, double[] yDot) {
                model.rhs(t, y, p, yDot);
            }

            @Override
            public void vjpState(double t, double[] y, double[] p, double[] w, double[] out) {
                if (!damaged[0]) {
                    damaged[0] = true;
                    try (Stream<Path> files = Files.walk(snapshots)) {
                        files.filter(f -> f.toString().endsWith(".a4js")).forEach(f -> poke(f, 40, (byte) 0x11));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
                model.vjpState(t, y, p, w, out);
            }

            @Override
            public void vjpParameters(double t, double[] y, double[] p, double[] w, double[] out) {
                model.vjpParameters(t, y, p, w, out);
            }
        };
        GradientProblem problem = new GradientProblem("l96", saboteur, base.parameters(), base.initialState(), 0.0,
                2.0, base.objective());
        GradientOptions options = GradientOptions.defaults().withMethod(RungeKuttaMethods.RK4).withSteps(200)
                .withCheckpoints(ScheduleSpec.disk(2, 6, DiskCosts.DEFAULT)).withDiskDirectory(snapshots);
        SnapshotException e = assertThrows(SnapshotException.class, () -> GradientSolver.solve(problem, options));
        assertTrue(e.getMessage().contains("is corrupted (checksum mismatch)"), e.getMessage());
        try (Stream<Path> left = Files.list(snapshots)) {
            assertEquals(List.of(), left.toList(), "no snapshot files left after the failure");
        }
        // Undamaged, the same run gives the store-all gradient exactly.
        damaged[0] = true;
        GradientResult disk = GradientSolver.solve(problem, options);
        GradientResult storeAll = GradientSolver.solve(problem, options.withCheckpoints(ScheduleSpec.storeAll()));
        assertArrayEquals(storeAll.parameterGradient(), disk.parameterGradient(), 0.0);
    }

    private static void poke(Path file, long offset, byte value) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void truncate(Path file, long size) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
