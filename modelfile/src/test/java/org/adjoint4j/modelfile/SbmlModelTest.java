package org.adjoint4j.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.HybridGradientSolver;
import org.adjoint4j.adjoint.HybridProblem;
import org.adjoint4j.adjoint.HybridResult;
import org.adjoint4j.adjoint.Objective;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.hipparchus.CalculusFieldElement;
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

    static final String TIME = "<csymbol encoding=\"text\" definitionURL=\"http://www.sbml.org/sbml/symbols/time\">"
            + "time</csymbol>";

    /**
     * The toy model with a parameter {@code td = 0.8}, a parameter {@code q = 1} that only events
     * set, and the events: "dose" ({@code time >= td}: A = A + 1), "reset" ({@code r < 0.5}: r = 1,
     * q = 3 + r, which reads r before the reset), and whatever {@code extra} adds.
     */
    static String withEvents(String extra, String doseTrigger) {
        String events = "<listOfEvents>"
                + "<event id=\"dose\" useValuesFromTriggerTime=\"true\"><trigger initialValue=\"true\" "
                + "persistent=\"true\">" + MATH + doseTrigger + "</math></trigger>"
                + "<listOfEventAssignments><eventAssignment variable=\"A\">" + MATH + "<apply><plus/><ci>A</ci>"
                + "<cn>1</cn></apply></math></eventAssignment></listOfEventAssignments></event>"
                + "<event id=\"reset\" useValuesFromTriggerTime=\"true\"><trigger initialValue=\"true\" "
                + "persistent=\"true\">" + MATH + "<apply><lt/><ci>r</ci><cn>0.5</cn></apply></math></trigger>"
                + "<listOfEventAssignments><eventAssignment variable=\"r\">" + MATH + "<cn>1</cn></math>"
                + "</eventAssignment><eventAssignment variable=\"q\">" + MATH + "<apply><plus/><cn>3</cn>"
                + "<ci>r</ci></apply></math></eventAssignment></listOfEventAssignments></event>"
                + extra + "</listOfEvents>";
        return model("2", "").replace("<parameter id=\"k\" value=\"0.5\" constant=\"true\"/>",
                "<parameter id=\"k\" value=\"0.5\" constant=\"true\"/><parameter id=\"td\" value=\"0.8\" "
                        + "constant=\"true\"/><parameter id=\"q\" value=\"1\" constant=\"false\"/>")
                .replace("</listOfReactions>", "</listOfReactions>" + events);
    }

    static final String DOSE_AT_TD = "<apply><geq/>" + TIME + "<ci>td</ci></apply>";

    static StateFunction component(int i) {
        return new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[i];
            }
        };
    }

    /** The file's hybrid problem over [0, 2] with J = y_i(T). */
    static HybridProblem measuring(ModelFile file, int i) {
        HybridProblem h = file.hybridProblem();
        GradientProblem b = h.problem();
        return new HybridProblem(new GradientProblem("toy", b.model(), b.parameters(), b.initialState(), 0.0, 2.0,
                Objective.none().withTerminal(component(i))), h.events());
    }

    @Test
    void eventsAreTimeEventsAtTheirTimeAndStateEventsWhereTheirTriggerTurnsTrue(@TempDir Path dir)
            throws IOException {
        for (String trigger : new String[] {DOSE_AT_TD, "<apply><lt/><ci>td</ci>" + TIME + "</apply>"}) {
            SbmlModel sbml = SbmlModel.read(write(dir, withEvents("", trigger)));
            assertTrue(sbml.hasEvents());
            assertEquals(List.of("A", "B", "S", "r", "q"), sbml.stateIds(), "q, set only by events, is a state");
            ModelFile file = sbml.modelFile(0.0, 2.0);
            assertEquals(List.of("k", "td"), file.definition().parameterNames());
            List<ModelEvent> events = file.events();
            assertEquals("dose", events.get(0).where());
            assertTrue(events.get(0).time() != null, "a time event at td");
            assertTrue(events.get(1).condition() != null && events.get(1).direction() == -1,
                    "r < 0.5 fires where r - 0.5 falls through zero");
            double[] dq = new double[5];
            file.model().rhs(1.0, file.initialState(), file.definition().parameters(), dq);
            assertEquals(0.0, dq[4], 0.0, "q is constant between events");
            GradientOptions dop853 = GradientOptions.defaults().withMethod(RungeKuttaMethods.DOP853).withTolerances(
                    1e-11, 1e-13);
            HybridResult r = HybridGradientSolver.solve(measuring(file, 3), dop853);
            // r = e^{-k t} reaches 0.5 at 2 ln 2 / ... with k = 0.5: t = 2 ln 2; reset to 1, then decays.
            double reset = 2 * Math.log(2);
            assertEquals(List.of("dose", "reset"), r.events().stream().map(HybridResult.FiredEvent::name).toList());
            assertEquals(0.8, r.events().get(0).time(), 0.0);
            assertEquals(reset, r.events().get(1).time(), 1e-10);
            assertEquals(Math.exp(-0.5 * (2 - reset)), r.value(), 1e-10);
            // dJ/dk = d/dk e^{-k (T - tau(k))} with tau = ln 2 / k: -(T - tau) J + k J dtau/dk = -(T - tau) J - tau J
            assertEquals(-2 * r.value(), r.parameterGradient()[0], 1e-8);
            assertEquals(3.5, r.finalState()[4], 1e-10, "q = 3 + r before the reset, r = 0.5 there");
        }
    }

    @Test
    void unsupportedEventsAreRefusedByName(@TempDir Path dir) throws IOException {
        String delayed = "<event id=\"late\"><trigger initialValue=\"true\" persistent=\"true\">" + MATH
                + DOSE_AT_TD + "</math></trigger><delay>" + MATH + "<cn>1</cn></math></delay><listOfEventAssignments>"
                + "<eventAssignment variable=\"A\">" + MATH + "<cn>0</cn></math></eventAssignment>"
                + "</listOfEventAssignments></event>";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SbmlModel.read(write(dir, withEvents(delayed, DOSE_AT_TD))));
        assertEquals("SBML model toy.xml: event delays are not supported (event 'late')", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SbmlModel.read(write(dir, withEvents("",
                "<apply><and/>" + DOSE_AT_TD + "<apply><lt/><ci>r</ci><cn>2</cn></apply></apply>"))));
        assertEquals("SBML model toy.xml: event triggers other than one inequality of two terms are not supported "
                + "(event 'dose', its trigger 'logical_and' with 2 argument(s))", e.getMessage());
        String toCompartment = withEvents("", DOSE_AT_TD).replace("<eventAssignment variable=\"A\">",
                "<eventAssignment variable=\"c\">");
        e = assertThrows(IllegalArgumentException.class, () -> SbmlModel.read(write(dir, toCompartment)));
        assertEquals("SBML model toy.xml: compartments of variable size are not supported (event 'dose', the "
                + "assignment to 'c')", e.getMessage());
        String toConstant = withEvents("", DOSE_AT_TD).replace("<eventAssignment variable=\"A\">",
                "<eventAssignment variable=\"k\">");
        e = assertThrows(IllegalArgumentException.class, () -> SbmlModel.read(write(dir, toConstant)));
        assertEquals("SBML model toy.xml: event 'dose' assigns 'k', which is constant", e.getMessage());
        // initialValue false and a trigger true at t0: SBML fires it at t0, which is refused, not skipped.
        String atStart = withEvents("", "<apply><geq/>" + TIME + "<cn>0</cn></apply>").replaceFirst(
                "initialValue=\"true\"", "initialValue=\"false\"");
        SbmlModel sbml = SbmlModel.read(write(dir, atStart));
        e = assertThrows(IllegalArgumentException.class, () -> sbml.modelFile(0.0, 2.0));
        assertEquals("SBML model toy.xml: event dose has initialValue=\"false\" and its trigger holds at t0=0.0, so "
                + "SBML fires it at t0: events at the initial time are not supported", e.getMessage());
    }
}
