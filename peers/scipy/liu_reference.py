"""Independent reference for the PEtab problem Liu_IFACPapersOnLine2025 (individual-based).

The model of examples/petab/Liu_IFACPapersOnLine2025_individual written out by hand from its SBML
(rate rules for U, I_1..I_5 and V; initial U from its initial assignment, V from the condition's
u_2) and integrated by scipy's Radau at rtol 1e-12, atol 1e-14 (every value printed is unchanged
to 1e-9 relative from rtol 1e-10). The SBML event (U < 1e-8: U = 0, initialValue true) is located
by solve_ivp's event finder and the run restarted from U = 0. Prints PEtab's nllh (normal noise,
sigma = sqrt(sigma_a^2 + (sigma_b h)^2)) at the nominal parameters and at the nominal parameters
with psi = 1e-7, where the event fires in every vvDD condition, with the event times.

Usage: python3 peers/scipy/liu_reference.py [DIR]
"""
import csv
import math
import os
import sys

import numpy as np
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "examples", "petab",
                                                          "Liu_IFACPapersOnLine2025_individual")


def table(name):
    with open(os.path.join(DIR, name)) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def rhs(t, y, q):
    u, i1, i2, i3, i4, i5, v = y
    growth = 1.0 - (u + i1 + i2 + i3 + i4 + i5) / q["kappa"]
    rho, psi, phi, alpha = q["rho"], q["psi"], q["phi"], q["alpha"]
    return [rho * u * growth - psi * v * u,
            rho * i1 * growth + psi * v * u - phi * i1,
            rho * i2 * growth + phi * i1 - phi * i2,
            rho * i3 * growth + phi * i2 - phi * i3,
            rho * i4 * growth + phi * i3 - phi * i4,
            rho * i5 * growth + phi * i4 - alpha * i5,
            q["beta"] * alpha * i5 - psi * v * u - q["delta"] * v]


def simulate(q, v0, xi, times, rtol):
    u0 = q["kappa"] / (1.0 + (q["kappa"] / (400.0 * xi) - 1.0) * math.exp(-q["rho"]))
    y = np.array([u0, 0, 0, 0, 0, 0, v0], dtype=float)
    t, end = 0.0, max(times)
    fired = []
    out = {}

    def event(t, y, q):
        return y[0] - 1e-8
    event.direction = -1
    event.terminal = True
    armed = y[0] - 1e-8 > 0
    while True:
        evaluate = [s for s in times if s >= t]
        sol = solve_ivp(rhs, (t, end), y, method="Radau", rtol=rtol, atol=rtol * 1e-2, args=(q,),
                        events=event if armed else None, dense_output=True)
        stop = sol.t[-1]
        for s in evaluate:
            if s <= stop and s not in out:
                out[s] = sol.sol(s) if s > t or s == 0 else y
        if sol.status == 1:
            fired.append(stop)
            y = sol.y[:, -1].copy()
            y[0] = 0.0
            t = stop
            armed = False  # re-armed only where U rises above 1e-8 again; with U = 0 it stays 0
            for s in evaluate:
                if s == stop:
                    out[s] = y
            if t >= end:
                break
        else:
            break
    return out, fired


def nllh(q, rtol=1e-12):
    conditions = {r["conditionId"]: r for r in table("conditions.tsv")}
    measurements = table("measurements.tsv")
    total = 0.0
    events = {}
    for cid, c in conditions.items():
        rows = [m for m in measurements if m["simulationConditionId"] == cid]
        times = sorted({float(m["time"]) for m in rows})
        out, fired = simulate(q, float(c["u_2"]), q[c["xi_i_k"]], times, rtol)
        events[cid] = fired
        for m in rows:
            y = out[float(m["time"])]
            h = sum(y[:6])
            sigma = math.sqrt(q["sigma_a"] ** 2 + (q["sigma_b"] * h) ** 2)
            r = (h - float(m["measurement"])) / sigma
            total += 0.5 * math.log(2 * math.pi * sigma ** 2) + 0.5 * r * r
    return total, events


def main():
    q = {r["parameterId"]: float(r["nominalValue"]) for r in table("parameters.tsv")}
    value, events = nllh(q)
    print("nominal: nllh = %.12g (events fired: %d)" % (value, sum(len(e) for e in events.values())))
    q["psi"] = 1e-7
    value, events = nllh(q)
    print("psi = 1e-7: nllh = %.12g" % value)
    for cid, fired in events.items():
        if fired:
            print("  %s: event at t = %.12g" % (cid, fired[0]))


if __name__ == "__main__":
    main()
