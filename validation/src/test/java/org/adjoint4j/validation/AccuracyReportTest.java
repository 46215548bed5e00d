package org.adjoint4j.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's accuracy figures hold: every figure of {@link AccuracyReport} is within its bound,
 * the README shows the table {@code ./adjoint4j validate --report} prints, and no bound is more than
 * 10 times looser than the figure the README states.
 */
class AccuracyReportTest {

    @Test
    void everyFigureIsWithinItsBoundAndTheReadmeStatesIt() throws IOException {
        List<AccuracyReport.Figure> figures = AccuracyReport.measure(null);
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        for (AccuracyReport.Figure f : figures) {
            assertTrue(f.passed(), f.name() + ": " + f.measured() + " > " + f.bound());
            String row = readme.stream().filter(l -> l.startsWith("| " + f.name() + " | " + f.cases() + " | "))
                    .findFirst().orElseThrow(() -> new AssertionError("the README has no row for " + f.name() + " ("
                            + f.cases() + "): paste the table of ./adjoint4j validate --report"));
            String[] cells = row.split(" \\| ");
            double stated = Double.parseDouble(cells[2].trim());
            double bound = Double.parseDouble(cells[3].replace("|", "").trim());
            assertEquals(f.bound(), bound, 0.0, f.name() + ": the README's bound");
            if (stated == 0.0) {
                assertEquals(0.0, f.bound(), f.name() + ": a figure stated as 0 is held to 0");
            } else {
                assertTrue(f.bound() <= 10 * stated, f.name() + ": bound " + f.bound() + " is more than 10x the "
                        + "stated " + stated);
                assertTrue(stated <= f.bound(), f.name() + ": stated " + stated + " exceeds the bound");
            }
        }
    }
}
