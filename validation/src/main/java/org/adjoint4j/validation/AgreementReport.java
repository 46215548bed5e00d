package org.adjoint4j.validation;

import java.util.List;

/**
 * A component-wise check of a gradient: every component's agreement and the tolerance used.
 *
 * @param check the check's name
 * @param tolerance the largest error that passes
 * @param components one entry per component of x = (p, y0), in order
 */
public record AgreementReport(String check, double tolerance, List<ComponentAgreement> components) {

    /**
     * Copies the list.
     *
     * @param check the check's name
     * @param tolerance the largest error that passes
     * @param components one entry per component of x = (p, y0), in order
     */
    public AgreementReport {
        components = List.copyOf(components);
    }

    /**
     * Compares component by component with the error
     * {@code |observed_i - expected_i| / max(|expected_i|, |observed_i|, 1e-8 max_j |expected_j|)}:
     * relative, with a floor so that components that vanish do not divide by zero.
     *
     * @param check the check's name
     * @param f the objective (for the names)
     * @param expected the independent values (not modified)
     * @param observed the adjoint's values (not modified)
     * @param tolerance the largest error that passes
     * @return the report
     */
    public static AgreementReport compare(String check, DiscreteObjective f, double[] expected, double[] observed,
            double tolerance) {
        double largest = 0;
        for (double e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        java.util.List<ComponentAgreement> list = new java.util.ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.max(Math.abs(expected[i]), Math.abs(observed[i])), 1e-8 * largest);
            double error = scale == 0 ? 0 : Math.abs(observed[i] - expected[i]) / scale;
            if (Double.isNaN(observed[i]) || Double.isNaN(expected[i])) {
                error = Double.POSITIVE_INFINITY;
            }
            list.add(new ComponentAgreement(i, f.name(i), expected[i], observed[i], error, error <= tolerance));
        }
        return new AgreementReport(check, tolerance, list);
    }

    /** @return whether every component passed */
    public boolean passed() {
        return components.stream().allMatch(ComponentAgreement::passed);
    }

    /** @return the component with the largest error */
    public ComponentAgreement worst() {
        ComponentAgreement worst = components.get(0);
        for (ComponentAgreement c : components) {
            if (!(c.error() <= worst.error())) {
                worst = c;
            }
        }
        return worst;
    }

    /** @return the components that failed */
    public List<ComponentAgreement> failures() {
        return components.stream().filter(c -> !c.passed()).toList();
    }

    /** @return e.g. "forward mode: 2 of 6 components fail (worst p:c, error 0.31)" or "... all 6 pass (worst ...)" */
    public String summary() {
        ComponentAgreement w = worst();
        String verdict = passed() ? "all " + components.size() + " components pass"
                : failures().size() + " of " + components.size() + " components fail: "
                        + String.join(", ", failures().stream().map(ComponentAgreement::name).toList());
        return check + ": " + verdict + " (worst " + w.name() + ", error " + w.error() + ", tolerance " + tolerance
                + ")";
    }
}
