"""Derived numbers: scaling exponents, sweep throughput and extrapolation, HiGHS comparison."""
from .stats import fit_exponent, time_to_gap, time_to_objective


def solve_seconds(row):
    return (row.get("search") or row["total"])["wall"]


def scaling_fit(rows):
    """Exponents of solve time; rows stopped by the time limit are left out (their time is a floor)."""
    rows = [r for r in rows if r["status"] != "skipped"]
    free = [r for r in rows if r["status"] != "timeLimit"]
    fits = {
        "variables": fit_exponent([(r["variables"], solve_seconds(r)) for r in free]),
        "excluded": [r["name"] for r in rows if r["status"] == "timeLimit"],
    }
    for minutes in (60, 15):
        series = [r for r in free if r["stepMinutes"] == minutes]
        fits[f"horizonAt{minutes}min"] = fit_exponent([(r["horizonHours"], solve_seconds(r)) for r in series])
    for hours in (24, 72, 168):
        pair = [r for r in free if r["horizonHours"] == hours]
        fits[f"stepsAt{hours}h"] = fit_exponent([(r["steps"], solve_seconds(r)) for r in pair]) if len(pair) == 2 else None
    fits["variablesWithFloors"] = fit_exponent([(r["variables"], solve_seconds(r)) for r in rows])
    return fits


def _capacity(entry):
    """Mean speed-up a pure CPU loop got from all threads, measured just before and after a sweep."""
    values = [entry[k]["speedup"] for k in ("calibrationBefore", "calibrationAfter") if k in entry and entry[k]["speedup"] > 0]
    return sum(values) / len(values) if values else None


def sweep_summary(sweep, threads):
    plan = sweep.get("plan", {})
    one, many = plan.get("threads1"), plan.get(f"threads{threads}")
    n, total = plan.get("variants"), sweep.get("total", 1000)
    out = {"planVariants": n, "planMeasuredAll": n == total, "total": total}
    if one and many and n:
        out["planSpeedup"] = one["wall"] / many["wall"]
        out["planOneThreadFor1000"] = one["wall"] * total / n
        out["planAllCoresFor1000"] = many["wall"] * total / n
        # CPU work per variant with all threads vs one: > 1 means parallel overhead (locks, memory).
        out["planWorkInflation"] = many["cpu"] / one["cpu"]
        out["planCoresUsed"] = (one["cpu"] / one["wall"], many["cpu"] / many["wall"])
        out["planCapacity"] = _capacity(plan)
    sim = sweep.get("simulate", {})
    s1, sn = sim.get("threads1"), sim.get(f"threads{threads}")
    if s1 and sn:
        out["simulateSpeedup"] = s1["wall"] / sn["wall"]
        out["simulateWorkInflation"] = sn["cpu"] / s1["cpu"]
        out["simulateCapacity"] = _capacity(sim)
        out["simulateVariants"] = sim.get("variants")
    return out


def side_by_side(name, krtplan_row, krtplan_solve, highs):
    """krtplan's result on a model next to HiGHS's on the same exported file."""
    entry = {"name": name, "krtplan": krtplan_row, "krtplanSolve": krtplan_solve, "highs": highs}
    if "error" in highs:
        return entry
    gap = krtplan_row.get("relativeGap")
    requested = krtplan_row.get("requestedGap", 0.01)
    entry["highsAtSameGap"] = time_to_gap(highs, gap) if gap is not None else None
    entry["highsAtRequestedGap"] = time_to_gap(highs, requested)
    if krtplan_row.get("objective") is not None:
        entry["highsToKrtplanObjective"] = time_to_objective(highs, krtplan_row["objective"])
    if entry["highsAtSameGap"]:
        entry["ratioAtSameGap"] = krtplan_solve / entry["highsAtSameGap"]
    objective, bound = krtplan_row.get("objective"), krtplan_row.get("bound")
    optimal = highs.get("status") == "Optimal"
    h_obj, h_bound = highs.get("objective"), highs.get("bound")
    if objective is None or h_bound is None or h_obj is None:
        return entry
    tol = 1e-6 * max(1.0, abs(h_obj))
    above_bound = objective >= h_bound - tol           # always valid: optimum ≥ HiGHS bound
    bound_below = bound <= h_obj + tol                 # always valid: optimum ≤ HiGHS incumbent
    entry["consistent"] = above_bound and bound_below
    if optimal:
        entry["trueGap"] = (objective - h_obj) / abs(objective) if objective else 0.0
        entry["consistencyText"] = (f"optimum {h_obj:.2f}: objective {objective:.2f} "
                                    f"({'≥' if objective >= h_obj - tol else '<'}), bound {bound:.2f} "
                                    f"({'≤' if bound <= h_obj + tol else '>'})")
    else:
        entry["consistencyText"] = (f"HiGHS not optimal in its limit: optimum in [{h_bound:.2f}, {h_obj:.2f}]; "
                                    f"objective {objective:.2f}, bound {bound:.2f}")
    return entry
