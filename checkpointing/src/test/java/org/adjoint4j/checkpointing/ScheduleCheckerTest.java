package org.adjoint4j.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The abstract machine accepts valid schedules and rejects each broken one with a precise message. */
class ScheduleCheckerTest {

    private static ScheduleCounts run(String text, long steps, int ram, int disk, long tapes) {
        ScheduleChecker checker = new ScheduleChecker(steps, ram, disk, tapes, false);
        ScheduleText.parse(text).forEach(checker::apply);
        return checker.finish();
    }

    @Test
    void acceptsAndCountsAValidSchedule() {
        ScheduleCounts c = run("S0@0 A0->2 S1@2 F2 R0@0 A0->1 Y1 R0@0 Y0 T", 3, 2, 0, 1);
        assertEquals(new ScheduleCounts(3, 3, 2, 2, 3, 0, 0, 2, 0, 1, 10), c);
    }

    @Test
    void countsEveryKindOfAction() {
        ScheduleCounts c = run("S0@0 A0->2 Sd0@2 A2->3 F3 Rd0@2 Y2 R0@0 W0->2 B1 B0 T", 4, 1, 1, 2);
        assertEquals(new ScheduleCounts(4, 3, 2, 2, 4, 1, 1, 1, 1, 2, 12), c);
    }

    /** Each broken schedule and the exact message the machine gives. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "skipped reversal|S0@0 A0->2 F2 R0@0 Y0 T|3|2|1|action #5 (Y0): step 0 is reversed before step 1; steps are reversed in order N-1, ..., 0",
        "step reversed twice|S0@0 A0->2 F2 R0@0 A0->2 Y2 T|3|2|1|action #6 (Y2): step 2 is reversed twice (steps >= 2 are already reversed)",
        "restore from an empty slot|S0@0 A0->2 F2 R1@1 Y1 T|3|2|1|action #4 (R1@1): slot 1 is empty",
        "too many live slots|S0@0 A0->1 S1@1 A1->2 S2@2 F2 T|3|2|1|action #5 (S2@2): slot 2 does not exist: 2 RAM slots allow at most 2 live snapshots",
        "restore of the wrong step|S0@0 A0->1 S1@1 A1->2 F2 R1@0 T|3|2|1|action #6 (R1@0): slot 1 holds x_1, not x_0",
        "restore of a slot freed by its reversal|S0@0 A0->1 S1@1 A1->2 F2 R1@1 Y1 R1@1 T|3|2|1|action #8 (R1@1): slot 1 is empty",
        "advance from the wrong state|S0@0 A1->2 F2 T|3|2|1|action #2 (A1->2): the working state is x_0, not x_1",
        "advance after a reversal without a restore|S0@0 A0->2 F2 A0->1 T|3|2|1|action #4 (A0->1): the working state is undefined after a reversal; restore a snapshot first",
        "advance past the adjoint front|S0@0 A0->2 F2 R0@0 A0->3 T|3|2|1|action #5 (A0->3): passes the adjoint front: steps >= 2 are reversed, but it reaches x_3",
        "takeshot of a state that is not current|S0@0 S1@1 T|3|2|1|action #2 (S1@1): the working state is x_0, not x_1",
        "takeshot of a state never needed again|S0@0 A0->3 S1@3 T|3|2|1|action #3 (S1@3): x_3 is never needed again: steps >= 3 are reversed",
        "two first turns|S0@0 A0->2 F2 R0@0 A0->1 F1 T|3|2|1|action #6 (F1): FirstTurn after the first reversal; later turns are YouTurn",
        "a YouTurn first|S0@0 A0->2 Y2 T|3|2|1|action #3 (Y2): YouTurn before any reversal; the first turn is FirstTurn",
        "terminate too early|S0@0 A0->2 F2 T|3|2|1|action #4 (T): Terminate while steps 0..1 are not reversed",
        "an action after terminate|F0 T T|1|1|1|action #3 (T): an action follows Terminate",
        "record from the wrong state|W0->2 W1->3 T|3|1|3|action #2 (W1->3): the working state is x_2, not x_1",
        "reverse without a kept tape|S0@0 A0->2 W2->3 B2 B1 T|3|1|3|action #5 (B1): step 1 has no kept tape; Record it first or use a turn",
        "too many tapes|W0->3 T|3|1|2|action #1 (W0->3): 3 tapes would be held; the capacity is 2",
        "a turn on a step with a kept tape|S0@0 W0->2 B1 R0@0 Y0 T|2|1|2|action #5 (Y0): step 0 already has a kept tape; reverse it with Reverse instead of taping it again",
        "a step taped twice|S0@0 W0->2 R0@0 W0->1 T|3|1|5|action #4 (W0->1): step 0 is already taped",
    })
    void rejectsBrokenSchedules(String what, String text, long steps, int ram, long tapes, String message) {
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
                () -> run(text, steps, ram, 0, tapes), what);
        assertEquals(message, e.getMessage(), what);
    }

    @Test
    void rejectsAScheduleWithoutTerminate() {
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> run("S0@0 A0->2 F2", 3, 2, 0, 1));
        assertEquals("the schedule ended without Terminate after 3 actions; steps 0..1 are not reversed", e.getMessage());
        assertEquals(0, e.actionNumber());
    }

    @Test
    void rejectsDiskSlotsBeyondTheDiskCapacity() {
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
                () -> run("Sd0@0 A0->1 Sd1@1 F1 T", 2, 1, 1, 1));
        assertEquals("action #3 (Sd1@1): disk slot 1 does not exist: 1 DISK slots allow at most 1 live snapshots",
                e.getMessage());
    }
}
