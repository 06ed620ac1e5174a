"""Small statistics helpers shared by the report."""
import math


def summary(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    n = len(values)
    median = values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
    rank = max(1, math.ceil(0.95 * n))
    return {"n": n, "median": median, "p95": values[rank - 1], "min": values[0], "max": values[-1]}


def fit_exponent(points):
    """Least-squares slope of log(y) against log(x): y ∝ x^k. points: [(x, y)] with x, y > 0."""
    points = [(math.log(x), math.log(y)) for x, y in points if x and y and x > 0 and y > 0]
    if len(points) < 2:
        return None
    mx = sum(p[0] for p in points) / len(points)
    my = sum(p[1] for p in points) / len(points)
    sxx = sum((p[0] - mx) ** 2 for p in points)
    if sxx == 0:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in points) / sxx


def time_to_gap(highs, target):
    """First HiGHS running time at which (primal − dual)/|primal| ≤ target, from its progress log."""
    for t, primal, dual, _ in highs.get("progress", []):
        if primal is None or dual is None:
            continue
        if (primal - dual) / max(abs(primal), 1e-9) <= target + 1e-12:
            return t
    final_gap = highs.get("gap")
    if highs.get("status") == "Optimal" or (final_gap is not None and final_gap <= target):
        return highs.get("runSeconds")
    return None


def time_to_objective(highs, objective):
    """First HiGHS running time with an incumbent at least as good as `objective` (minimising)."""
    tol = 1e-6 * max(1.0, abs(objective))
    for t, primal, _, _ in highs.get("progress", []):
        if primal is not None and primal <= objective + tol:
            return t
    final = highs.get("objective")
    if final is not None and final <= objective + tol:
        return highs.get("runSeconds")
    return None
