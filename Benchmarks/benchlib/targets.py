"""The issue's targets, checked against one run's results."""
from .stats import time_to_gap


def _met(value, limit, lower_is_better=True):
    if value is None:
        return "not measured"
    return "met" if (value <= limit if lower_is_better else value >= limit) else "**not met**"


def check(r):
    """Rows: (what, target, measured text, verdict, measured value)."""
    from .fmt import secs, num
    rows = []
    plan = r["bench"].get("plan", {})
    search = plan.get("search", plan.get("total", {})).get("wall", {}).get("median")
    rows.append(("flagship solve, median (in process)", "≤ 50 ms", secs(search), _met(search, 0.050)))
    cli = r.get("cli", {}).get("plan", {}).get("wall", {}).get("median")
    rows.append(("flagship end-to-end CLI, median", "≤ 150 ms", secs(cli), _met(cli, 0.150)))
    largest = next((row for row in r["bench"].get("scaling", []) if row["name"] == "scaling-168h-15min"), None)
    if largest and largest["status"] == "skipped":
        rows.append(("168 h at 15-min steps: solve", "≤ 2 s", f"not planned in this run (≈ {secs(largest['predictedSeconds'])} predicted)",
                     "**not met**" if largest["predictedSeconds"] > 2 else "not measured"))
    elif largest:
        solve = (largest.get("search") or largest["total"])["wall"]
        limited = largest["status"] == "timeLimit"
        text = (f"≥ {secs(solve)} (stopped by the {secs(largest['timeLimit'])} time limit)" if limited else secs(solve))
        rows.append(("168 h at 15-min steps: solve", "≤ 2 s", text, _met(solve, 2.0)))
    exponent = r.get("scalingFit", {}).get("variables")
    rows.append(("growth of solve time with model size", "close to linear (exponent ≈ 1)",
                 "—" if exponent is None else f"∝ variables^{exponent:.2f}",
                 "not measured" if exponent is None else ("met" if exponent <= 1.25 else "**not met**")))
    sweep = r.get("sweepSummary", {})
    projected = sweep.get("planAllCoresFor1000")
    label = secs(projected) + ("" if sweep.get("planMeasuredAll") else f" (extrapolated from {sweep.get('planVariants')} variants)")
    rows.append(("1,000-variant what-if sweep, all cores", "≤ 20 s", label, _met(projected, 20.0)))
    speedup = sweep.get("planSpeedup")
    capacity = sweep.get("planCapacity")
    text = "—" if speedup is None else f"{speedup:.2f}×"
    if capacity is not None:
        text += f" (a pure CPU loop got {capacity:.2f}× at the time)"
    verdict = _met(speedup, 1.7, lower_is_better=False)
    if verdict != "met" and capacity is not None and capacity < 1.7:
        verdict = "not measurable here (machine busy)"
    rows.append(("sweep speed-up, all cores vs 1 thread", "≥ 1.7×", text, verdict))
    side = r.get("sideBySide", [])
    flagship = next((s for s in side if s["name"] == "flagship"), None)
    if flagship:
        ratio = flagship.get("ratioAtSameGap")
        rows.append(("krtplan solve / HiGHS at krtplan's gap (flagship)", "≤ 1.0",
                     "—" if ratio is None else f"{ratio:.2f}", _met(ratio, 1.0)))
        ok = flagship.get("consistent")
        rows.append(("krtplan objective ≥ HiGHS optimum − tol, bound ≤ optimum", "holds",
                     flagship.get("consistencyText", "—"), "met" if ok else ("not measured" if ok is None else "**not met**")))
    return rows
