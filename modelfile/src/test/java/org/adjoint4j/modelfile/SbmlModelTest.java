package org.adjoint4j.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SBML importer's semantics on a small model written for it, against the hand-derived ODE. */
class SbmlModelTest {

    static final String MATH = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">";

    /**
     * A in concentration (initial amount 4 in a compartment of size 2), B in amount (initial
     * concentration 1), S a boundary species; R1: A -> B at c f(kl, A), f(x, y) = x y, kl = 0.3
     * local; R2: S -> A at k2 S z, k2 = 2 k by initial assignment, z = piecewise(1, t &lt; 1, 2) by
     * an assignment rule; r by a rate rule r' = -k r.
     */
    static String model(String level, String extra) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sbml xmlns=\"http://www.sbml.org/sbml/level3/version"
                + level + "/core\" level=\"3\" version=\"" + level + "\">\n<model id=\"toy\">\n"
                + "<listOfFunctionDefinitions><functionDefinition id=\"f\">" + MATH + "<lambda><bvar><ci>x</ci></bvar>"
                + "<bvar><ci>y</ci></bvar><apply><times/><ci>x</ci><ci>y</ci></apply></lambda></math>"
                + "</functionDefinition></listOfFunctionDefinitions>\n"
                + "<listOfCompartments><compartment id=\"c\" size=\"2\" constant=\"true\"/></listOfCompartments>\n"
                + "<listOfSpecies>"
                + "<species id=\"A\" compartment=\"c\" initialAmount=\"4\" hasOnlySubstanceUnits=\"false\" "
                + "boundaryCondition=\"false\" constant=\"false\"/>"
                + "<species id=\"B\" compartment=\"c\" initialConcentration=\"1\" hasOnlySubstanceUnits=\"true\" "
                + "boundaryCondition=\"false\" constant=\"false\"/>"
                + "<species id=\"S\" compartment=\"c\" initialConcentration=\"5\" hasOnlySubstanceUnits=\"false\" "
                + "boundaryCondition=\"true\" constant=\"false\"/></listOfSpecies>\n"
                + "<listOfParameters><parameter id=\"k\" value=\"0.5\" constant=\"true\"/>"
                + "<parameter id=\"k2\" value=\"99\" constant=\"true\"/>"
                + "<parameter id=\"z\" constant=\"false\"/><parameter id=\"r\" value=\"1\" constant=\"false\"/>"
                + "</listOfParameters>\n"
                + "<listOfInitialAssignments><initialAssignment symbol=\"k2\">" + MATH + "<apply><times/><cn>2</cn>"
                + "<ci>k</ci></apply></math></initialAssignment></listOfInitialAssignments>\n"
                + "<listOfRules><assignmentRule variable=\"z\">" + MATH + "<piecewise><piece><cn>1</cn><apply><lt/>"
                + "<csymbol encoding=\"text\" definitionURL=\"http://www.sbml.org/sbml/symbols/time\">time</csymbol>"
                + "<cn>1</cn></apply></piece><otherwise><cn>2</cn></otherwise></piecewise></math></assignmentRule>"
                + "<rateRule variable=\"r\">" + MATH + "<apply><times/><cn>-1</cn><ci>k</ci><ci>r</ci></apply></math>"
                + "</rateRule>" + extra + "</listOfRules>\n"
                + "<listOfReactions>"
                + "<reaction id=\"R1\" reversible=\"false\"><listOfReactants><speciesReference species=\"A\" "
                + "stoichiometry=\"1\" constant=\"true\"/></listOfReactants><listOfProducts><speciesReference "
                + "species=\"B\" stoichiometry=\"1\" constant=\"true\"/></listOfProducts><kineticLaw>" + MATH
                + "<apply><times/><ci>c</ci><apply><ci>f</ci><ci>kl</ci><ci>A</ci></apply></apply></math>"
                + "<listOfLocalParameters><localParameter id=\"kl\" value=\"0.3\"/></listOfLocalParameters>"
                + "</kineticLaw></reaction>"
                + "<reaction id=\"R2\" reversible=\"false\"><listOfReactants><speciesReference species=\"S\" "
                + "stoichiometry=\"1\" constant=\"true\"/></listOfReactants><listOfProducts><speciesReference "
                + "species=\"A\" stoichiometry=\"2\" constant=\"true\"/></listOfProducts><kineticLaw>" + MATH
                + "<apply><times/><ci>k2</ci><ci>S</ci><ci>z</ci></apply></math></kineticLaw></reaction>"
                + "</listOfReactions>\n</model>\n</sbml>\n";
    }

    static Path write(Path dir, String text) throws IOException {
        Path p = dir.resolve("toy.xml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theOdeIsTheHandDerivedOne(@TempDir Path dir) throws IOException {
        for (String version : new String[] {"1", "2"}) {
            SbmlModel sbml = SbmlModel.read(write(dir, model(version, "")));
            assertEquals(List.of("A", "B", "S", "r"), sbml.stateIds());
            ModelFile file = sbml.modelFile(0.0, 2.0);
            // k is the only free parameter: k2 has an initial assignment, z and r have rules
            assertEquals(List.of("k"), file.definition().parameterNames());
            assertArrayEquals(new double[] {2.0, 2.0, 5.0, 1.0}, file.initialState(), 0.0);
            double[] y = {1.5, 3.0, 5.0, 0.7};
            double[] p = {0.5};
            double[] dy = new double[4];
            for (double t : new double[] {0.5, 1.5}) {
                double z = t < 1 ? 1 : 2;
                file.model().rhs(t, y, p, dy);
                double v1 = 2 * 0.3 * y[0];
                double v2 = 2 * 0.5 * y[2] * z;
                assertEquals((-v1 + 2 * v2) / 2.0, dy[0], 1e-15, "d[A]/dt: concentration, divided by c");
                assertEquals(v1, dy[1], 1e-15, "dB/dt: amount");
                assertEquals(0.0, dy[2], 0.0, "S is a boundary species");
                assertEquals(-0.5 * 0.7, dy[3], 1e-15, "the rate rule");
            }
        }
    }

    @Test
    void unsupportedFeaturesAreRefusedByName(@TempDir Path dir) throws IOException {
        String algebraic = "<algebraicRule>" + MATH + "<apply><minus/><ci>k</ci><cn>1</cn></apply></math>"
                + "</algebraicRule>";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SbmlModel.read(write(dir, model("2", algebraic))));
        assertTrue(e.getMessage().contains("algebraic rules are not supported"), e.getMessage());
        String delay = model("2", "").replace("<apply><times/><ci>k2</ci><ci>S</ci><ci>z</ci></apply>",
                "<apply><csymbol encoding=\"text\" definitionURL=\"http://www.sbml.org/sbml/symbols/delay\">delay"
                        + "</csymbol><ci>S</ci><cn>1</cn></apply>");
        e = assertThrows(IllegalArgumentException.class, () -> SbmlModel.read(write(dir, delay)));
        assertTrue(e.getMessage().contains("delays are not supported (the kinetic law of reaction 'R2')"),
                e.getMessage());
        String missing = model("2", "").replace("<ci>k2</ci><ci>S</ci>", "<ci>q</ci><ci>S</ci>");
        e = assertThrows(IllegalArgumentException.class, () -> SbmlModel.read(write(dir, missing)));
        assertTrue(e.getMessage().contains("'q' is not a species, parameter, compartment or reaction"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SbmlModel.read(dir.resolve("none.xml")));
        assertEquals("SBML file " + dir.resolve("none.xml") + " does not exist", e.getMessage());
    }
}
