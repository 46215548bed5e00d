package org.adjoint4j.estimation.control;

import java.util.Arrays;
import java.util.List;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.model.StateFunction;
import org.adjoint4j.modelfile.FitSpecification;
import org.adjoint4j.modelfile.ModelFile;

/**
 * A {@link ControlSystem} from a model whose last c parameters are the controls (as a model file
 * declares them): {@code f(t, x, u) = F(t, x, (p, u))} with the other parameters p fixed, the
 * running and terminal costs likewise. Products come from the model's own (the tape's, for a
 * model file), the control part being the tail of the parameter product.
 */
public final class ModelControlSystem implements ControlSystem {

    private final String name;
    private final ParametricOde model;
    private final double[] fixed;
    private final List<String> controls;
    private final StateFunction running;
    private final StateFunction terminal;
    private final double[] initialState;
    private final double finalTime;
    private final double[] all;
    private final double[] outAll;
    private final double[] gradientAll;
    private double lower = Double.NEGATIVE_INFINITY;
    private double upper = Double.POSITIVE_INFINITY;

    /**
     * @param name the name
     * @param model the model over (p, u)
     * @param fixed p (copied)
     * @param controls the control names (the last parameters of the model)
     * @param running L over (p, u), or null
     * @param terminal phi, or null
     * @param initialState x(0) (copied)
     * @param finalTime T (from t = 0)
     */
    public ModelControlSystem(String name, ParametricOde model, double[] fixed, List<String> controls,
            StateFunction running, StateFunction terminal, double[] initialState, double finalTime) {
        if (controls.isEmpty()) {
            throw new IllegalArgumentException("the model has no controls");
        }
        if (model.parameterDimension() != fixed.length + controls.size()) {
            throw new IllegalArgumentException("the model has " + model.parameterDimension() + " parameters, expected "
                    + fixed.length + " + " + controls.size() + " controls");
        }
        this.name = name;
        this.model = model;
        this.fixed = fixed.clone();
        this.controls = List.copyOf(controls);
        this.running = running;
        this.terminal = terminal;
        this.initialState = initialState.clone();
        this.finalTime = finalTime;
        this.all = Arrays.copyOf(fixed, fixed.length + controls.size());
        this.outAll = new double[all.length];
        this.gradientAll = new double[all.length];
    }

    /**
     * The controlled system of a model file: its declared controls free, its parameters fixed, its
     * objective's running and terminal terms as the cost.
     *
     * @param file a model file that declares controls and starts at t = 0
     * @return the system
     * @throws IllegalArgumentException if the file declares no controls or does not start at t = 0
     */
    public static ModelControlSystem of(ModelFile file) {
        if (file.controls().isEmpty()) {
            throw new IllegalArgumentException("model " + file.name() + " declares no \"controls\"; add e.g. "
                    + "\"controls\": {\"u\": 0.0} and use u in the rhs");
        }
        if (file.initialTime() != 0.0) {
            throw new IllegalArgumentException("model " + file.name() + ": control needs \"time\" to start at 0, got "
                    + file.initialTime());
        }
        double[] p = file.parameters();
        int fixed = p.length - file.controls().size();
        ModelControlSystem system = new ModelControlSystem(file.name(), file.model(), Arrays.copyOf(p, fixed),
                file.controls(), file.objective().running(), file.objective().terminal(), file.initialState(),
                file.finalTime());
        // The controls' "bounds" in the file: one pair for all of them (the optimizer bounds every
        // coefficient alike).
        FitSpecification first = file.fitSpecifications().get(file.controls().get(0));
        for (String u : file.controls()) {
            FitSpecification f = file.fitSpecifications().get(u);
            boolean same = f == null ? first == null : first != null && f.lower() == first.lower()
                    && f.upper() == first.upper();
            if (!same) {
                throw new IllegalArgumentException("model " + file.name() + ": the controls " + file.controls().get(0)
                        + " and " + u + " have different bounds; control takes one pair of bounds for all controls");
            }
        }
        if (first != null) {
            system.lower = first.lower();
            system.upper = first.upper();
        }
        return system;
    }

    @Override
    public double lowerControlBound() {
        return lower;
    }

    @Override
    public double upperControlBound() {
        return upper;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int stateDimension() {
        return initialState.length;
    }

    @Override
    public int controlDimension() {
        return controls.size();
    }

    @Override
    public String stateName(int i) {
        return model.stateName(i);
    }

    @Override
    public String controlName(int j) {
        return controls.get(j);
    }

    @Override
    public double[] initialState() {
        return initialState.clone();
    }

    @Override
    public double finalTime() {
        return finalTime;
    }

    private double[] with(double[] u) {
        System.arraycopy(u, 0, all, fixed.length, u.length);
        return all;
    }

    @Override
    public void rhs(double t, double[] x, double[] u, double[] xDot) {
        model.rhs(t, x, with(u), xDot);
    }

    @Override
    public void vjp(double t, double[] x, double[] u, double[] w, double[] outState, double[] outControl) {
        model.vjp(t, x, with(u), w, outState, outAll);
        System.arraycopy(outAll, fixed.length, outControl, 0, outControl.length);
    }

    @Override
    public double running(double t, double[] x, double[] u) {
        return running == null ? 0.0 : running.value(t, x, with(u));
    }

    @Override
    public void runningGradient(double t, double[] x, double[] u, double[] gx, double[] gu) {
        if (running == null) {
            Arrays.fill(gx, 0.0);
            Arrays.fill(gu, 0.0);
            return;
        }
        running.gradient(t, x, with(u), gx, gradientAll);
        System.arraycopy(gradientAll, fixed.length, gu, 0, gu.length);
    }

    @Override
    public double terminal(double[] x) {
        return terminal == null ? 0.0 : terminal.value(finalTime, x, all);
    }

    @Override
    public void terminalGradient(double[] x, double[] gx) {
        if (terminal == null) {
            Arrays.fill(gx, 0.0);
            return;
        }
        terminal.gradient(finalTime, x, all, gx, gradientAll);
    }
}
