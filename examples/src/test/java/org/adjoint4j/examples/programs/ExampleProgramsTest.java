package org.adjoint4j.examples.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example programs run as the README says: the bundled data and the reaction-network model file
 * are what their programs write (same seed), and the fit program recovers the parameters it was made from.
 */
class ExampleProgramsTest {

    private static String run(ThrowingMain main) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** A program's main. */
    interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void theBundledDataIsWhatTheDataProgramWrites(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("lv.csv");
        run(() -> SyntheticLotkaVolterraData.main(new String[] {csv.toString()}));
        assertEquals(Files.readString(Path.of("data", "lotka-volterra.csv")), Files.readString(csv));
    }

    @Test
    void theBundledReactionNetworkIsWhatItsProgramWrites(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("network.json");
        String out = run(() -> ReactionNetworkModel.main(new String[] {json.toString()}));
        assertTrue(out.contains("500 species, 1000 reactions, seed 7"), out);
        assertEquals(Files.readString(Path.of("models", "reaction-network-500.json")), Files.readString(json));
    }

    @Test
    void theBundledEpidemicDataIsWhatItsProgramWrites(@TempDir Path dir) throws Exception {
        for (String[] town : new String[][] {{"a", "10", "11"}, {"b", "40", "12"}}) {
            Path csv = dir.resolve(town[0] + ".csv");
            run(() -> SyntheticEpidemicData.main(new String[] {Path.of("models", "sir.json").toString(), csv.toString(),
                town[1], town[2]}));
            assertEquals(Files.readString(Path.of("data", "sir-town-" + town[0] + ".csv")), Files.readString(csv));
        }
    }

    @Test
    void theFitRecoversTheParameters() throws Exception {
        String out = run(() -> FitLotkaVolterra.main(new String[] {Path.of("data", "lotka-volterra.csv").toString()}));
        assertTrue(out.contains("a = 1.5001"), out);
        assertTrue(out.contains("c = 2.9978"), out);
    }
}
