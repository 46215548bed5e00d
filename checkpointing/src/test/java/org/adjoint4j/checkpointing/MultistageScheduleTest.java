package org.adjoint4j.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two-level RAM + disk checkpointing against the reference's Disk-Revolve and H-Revolve values. */
class MultistageScheduleTest {

    private static final int UNLIMITED = 1_000_000;

    /** The reference's §3.2 and §5.3 values, uf = ub = 1, wd = rd = 2. */
    @ParameterizedTest(name = "N={0}, RAM={1}, disk={2}")
    @CsvSource({
        // N, RAM, disk, optimal, memory only
        "21, 2, 1000000, 74, 91",   // Disk-Revolve
        "101, 2, 1000000, 394, 959",
        "101, 1, 1000000, 431, 5151",
        "21, 2, 3, 74, 91",         // H-Revolve c = (2, 3), l = N - 1
        "41, 2, 3, 161, 249",
        "61, 2, 3, 261, 451",
    })
    void referenceValues(long steps, int ram, int disk, double optimal, double memoryOnly) {
        MultistageSchedule schedule = new MultistageSchedule(steps, ram, disk, DiskCosts.DEFAULT);
        assertEquals(optimal, schedule.optimalCost());
        assertEquals(memoryOnly, schedule.memoryOnlyCost());
        ScheduleCounts run = ScheduleChecker.check(schedule);
        assertEquals(optimal, DiskCosts.DEFAULT.costOf(run), "the schedule costs what the program promised");
    }

    /** The cost of every generated schedule equals the program's optimum, for several cost models. */
    @Test
    void generatedScheduleCostsTheOptimum() {
        DiskCosts[] models = {DiskCosts.DEFAULT, new DiskCosts(1, 3, 5, 1), new DiskCosts(2, 1, 0.5, 7.25)};
        for (DiskCosts costs : models) {
            for (int n = 0; n <= 90; n += (n < 20 ? 1 : 7)) {
                for (int ram = 1; ram <= 4; ram++) {
                    for (int disk : new int[] {0, 1, 2, 3, 5, UNLIMITED}) {
                        MultistageSchedule schedule = new MultistageSchedule(n, ram, disk, costs);
                        ScheduleCounts run = ScheduleChecker.check(schedule);
                        assertEquals(schedule.optimalCost(), costs.costOf(run), 1e-9 * (1 + schedule.optimalCost()),
                                "N=" + n + ", RAM=" + ram + ", disk=" + disk + ", " + costs);
                        assertTrue(schedule.optimalCost() <= schedule.memoryOnlyCost() + 1e-9);
                    }
                }
            }
        }
    }

    /** Free disk access makes disk slots as good as RAM slots: revolve with RAM + disk slots. */
    @Test
    void freeDiskEqualsRevolveWithAllSlots() {
        DiskCosts free = new DiskCosts(1, 1, 0, 0);
        for (int n = 1; n <= 80; n++) {
            for (int ram = 1; ram <= 3; ram++) {
                for (int disk = 0; disk <= 4; disk++) {
                    double revolve = Binomial.optimalAdvances(n, ram + disk) + n;
                    assertEquals(revolve, new MultistageSchedule(n, ram, disk, free).optimalCost(),
                            "N=" + n + ", RAM=" + ram + ", disk=" + disk);
                }
            }
        }
        assertEquals(41, new MultistageSchedule(21, 2, UNLIMITED, free).optimalCost(), "store everything: l + (l + 1)");
        assertEquals(121, new MultistageSchedule(61, 2, UNLIMITED, free).optimalCost());
    }

    /** Without disk slots the schedule is revolve itself. */
    @Test
    void noDiskIsRevolve() {
        for (int n = 0; n <= 60; n++) {
            for (int ram = 1; ram <= 4; ram++) {
                assertEquals(ScheduleText.format(new BinomialSchedule(n, ram)),
                        ScheduleText.format(new MultistageSchedule(n, ram, 0, DiskCosts.DEFAULT)));
            }
        }
    }

    @Test
    void writesAndReadsDiskAndSaysWhereTheLimitIs() {
        ScheduleCounts c = new MultistageSchedule(101, 2, UNLIMITED, DiskCosts.DEFAULT).counts();
        assertTrue(c.diskWrites() > 0 && c.diskReads() >= c.diskWrites());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultistageSchedule(50_000, 2, 3, DiskCosts.DEFAULT));
        assertTrue(e.getMessage().startsWith("steps=50000 is beyond the 20000 steps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DiskCosts(1, 1, -2, 1));
        assertEquals("disk write cost wd must be finite and >= 0, got -2.0", e.getMessage());
    }
}
