package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One chart in the three formats, and what a fit writes when asked for a vector plot. */
class PlotsTest {

    private static List<List<Plots.Curve>> panels() {
        double[] t = new double[50];
        double[] a = new double[50];
        double[] b = new double[50];
        for (int k = 0; k < t.length; k++) {
            t[k] = 0.1 * k;
            a[k] = Math.exp(-t[k]);
            b[k] = a[k] + 0.01 * Math.sin(7 * k);
        }
        return List.of(List.of(new Plots.Curve("model", t, a, Plots.Style.LINE, 0),
                new Plots.Curve("data", t, b, Plots.Style.MARKERS, 0)),
                List.of(new Plots.Curve("residual", t, b, Plots.Style.MARKERS, 1)));
    }

    @Test
    void pngSvgAndPdfOfOneChart(@TempDir Path dir) throws Exception {
        for (String ending : new String[] {"png", "svg", "pdf"}) {
            Path file = dir.resolve("chart." + ending);
            Plots.write(file, "decay", panels(), List.of("x", "residual"), new boolean[] {true, false});
            byte[] bytes = Files.readAllBytes(file);
            String head = new String(bytes, 0, 8, StandardCharsets.ISO_8859_1);
            switch (ending) {
                case "png":
                    assertEquals("\u0089PNG", head.substring(0, 4));
                    break;
                case "svg":
                    String svg = new String(bytes, StandardCharsets.UTF_8);
                    assertTrue(svg.contains("<svg") && svg.strip().matches("(?s).*</svg\\s*>"), head);
                    // the curves are vector paths and the title is text, not a raster
                    assertTrue(svg.contains("<path") && svg.matches("(?s).*>\\s*decay\\s*</text.*"), "paths and the title");
                    assertTrue(!svg.contains("<image"), "no embedded raster");
                    break;
                default:
                    assertEquals("%PDF-", head.substring(0, 5));
                    assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("%%EOF"), "a complete PDF");
            }
            assertTrue(bytes.length > 5_000, ending + ": " + bytes.length + " bytes");
        }
    }

    @Test
    void aFitWritesAVectorPlot(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("fit.pdf");
        CommandLineRun run = CommandLineRun.of("fit", "--model", FitCommandTest.SIR, "--data", FitCommandTest.TOWN_A,
                "--fit", "beta,gamma", "--plot", pdf.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("wrote " + pdf), run.err());
        assertTrue(Files.size(pdf) > 5_000);
    }

    @Test
    void unmeasuredStatesOnlyWhenAsked(@TempDir Path dir) throws Exception {
        for (boolean states : new boolean[] {false, true}) {
            Path svg = dir.resolve("fit-" + states + ".svg");
            CommandLineRun run = states
                    ? CommandLineRun.of("fit", "--model", FitCommandTest.SIR, "--data", FitCommandTest.TOWN_A, "--fit",
                            "beta,gamma", "--plot", svg.toString(), "--plot-states")
                    : CommandLineRun.of("fit", "--model", FitCommandTest.SIR, "--data", FitCommandTest.TOWN_A, "--fit",
                            "beta,gamma", "--plot", svg.toString());
            assertEquals(0, run.exitCode(), run.err());
            String text = Files.readString(svg);
            assertTrue(text.contains("cases (fit)") && text.contains("cases (data - fit)/sigma"), "the legend");
            for (String s : new String[] {"S", "I", "R"}) {
                assertEquals(states, text.contains(s + " (not measured)"), s);
            }
        }
    }

    @Test
    void otherEndingsAreRefusedNamingTheFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.requirePlot("--plot", Path.of("out.eps")));
        assertEquals("--plot out.eps: plots are written as PNG, SVG or PDF; give a name ending in .png, .svg or .pdf",
                e.getMessage());
    }
}
