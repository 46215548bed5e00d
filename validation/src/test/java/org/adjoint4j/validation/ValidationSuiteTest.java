package org.adjoint4j.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick suite behind {@code ./adjoint4j validate --quick} passes every check. */
class ValidationSuiteTest {

    @Test
    void theQuickSuitePasses() {
        List<ValidationCheck> checks = ValidationSuite.run(true, null);
        assertTrue(checks.size() >= 50, checks.size() + " checks");
        for (String name : new String[] {"gradient vs analytic", "gradient order", "state order", "taylor",
            "finite differences", "forward mode", "dot product", "bit-identical to store-all",
            "advances = the schedule's count"}) {
            assertTrue(checks.stream().anyMatch(c -> c.name().equals(name)), "the suite runs " + name);
        }
        List<ValidationCheck> failed = checks.stream().filter(c -> !c.passed()).toList();
        assertTrue(failed.isEmpty(), "failed: " + failed);
    }
}
