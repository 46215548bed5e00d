package org.adjoint4j.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The text notation reads back what it writes, and says where it cannot read. */
class ScheduleTextTest {

    @Test
    void roundTripsEveryActionType() {
        String text = "S0@0 Sd1@0 A0->6 S1@6 A6->9 F9 R1@6 Rd1@0 W0->3 B2 Y8 T";
        assertEquals(text, ScheduleText.format(ScheduleText.parse(text)));
        for (CheckpointSchedule s : new CheckpointSchedule[] {new BinomialSchedule(60, 4), new OnlineSchedule(60, 4),
            new UniformSchedule(60, 7), new StoreAllSchedule(9), new MultistageSchedule(60, 2, 3, DiskCosts.DEFAULT)}) {
            String written = ScheduleText.format(s);
            assertEquals(written, ScheduleText.format(ScheduleText.parse(written)), s.toString());
        }
    }

    @Test
    void namesTheUnreadableTokenAndItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduleText.parse("S0@0 X5 T"));
        assertEquals("unreadable schedule action 'X5' at position 6 (expected A<i>-><j>, W<i>-><j>, S<k>@<i>, "
                + "Sd<k>@<i>, R<k>@<i>, Rd<k>@<i>, F<i>, Y<i>, B<i> or T)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScheduleText.parse("A5->5"));
        assertEquals("invalid schedule action 'A5->5' at position 1: Advance needs 0 <= from < to, got from=5, to=5",
                e.getMessage());
    }
}
