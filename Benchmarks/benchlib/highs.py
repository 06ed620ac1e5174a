"""Runs Benchmarks/highs_solve.py (in the bench virtual environment) on exported models."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def available():
    try:
        import highspy  # noqa: F401
        return True
    except ImportError:
        return False


def solve(model, time_limit, gap=1e-4, threads=0, solution_out=None):
    argv = [sys.executable, os.path.join(HERE, "highs_solve.py"), model, "--time-limit", str(time_limit),
            "--gap", str(gap), "--threads", str(threads)] + (["--solution-out", solution_out] if solution_out else [])
    out = subprocess.run(argv, capture_output=True, text=True, timeout=time_limit + 300)
    # highspy prints a banner on stdout before our JSON line.
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        return {"model": model, "error": (out.stderr or out.stdout).strip()[-500:]}
    return json.loads(lines[-1])
