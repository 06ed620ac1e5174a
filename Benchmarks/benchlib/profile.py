"""A sampling profile of one CLI plan with `perf` (software cpu-clock event, DWARF call graphs).

Hardware counters are often unavailable in VMs (`perf stat -e instructions true` says
"<not supported>"); the cpu-clock event works there. Returns None when perf is missing or refused.
"""
import os
import re
import shutil
import subprocess

ARC_AND_ALLOC = re.compile(r"^(swift_retain|swift_release|swift_allocObject|swift_deallocObject|swift_slowAlloc|"
                           r"swift_slowDealloc|swift_arrayDestroy|_swift_release_dealloc|swift_deallocClassInstance|"
                           r"swift_bridgeObject(Retain|Release)|swift::RefCounts.*|malloc|_int_malloc|_int_free|cfree.*|"
                           r"free|__malloc_usable_size|.*_ContiguousArrayStorage.*deinit.*)$")

# (label, regex on demangled symbol): inclusive share of the process's samples.
KEY_FUNCTIONS = [
    ("PlanModel build (kinetics → LP)", r"PlanModel\.init\(problem:"),
    ("order local search (DoseSearch.descend)", r"DoseSearch\.descend\("),
    ("  exact forward passes (DoseEvaluator.pass)", r"DoseEvaluator\.pass\("),
    ("  evaluator set-up (DoseEvaluator.init)", r"DoseEvaluator\.init\(model:"),
    ("GLPK calls via LinearProgram.solve", r"^LinearProgram\.solve\("),
    ("  glp_intopt (branch-and-cut)", r"^glp_intopt$"),
    ("  glp_simplex (LPs, incl. node LPs)", r"^glp_simplex$"),
    ("  glp_eval_tab_row (tableau rows: branching, GMI)", r"^glp_eval_tab_row$"),
    ("  glp_gmi_gen (Gomory cuts)", r"^glp_gmi_gen$"),
    ("plan assembly (re-simulation, checks, explanation)", r"Planner\.assemble\("),
    ("catalog loading", r"Catalog\.load\("),
]


def perf_works(out_dir):
    if not shutil.which("perf"):
        return False
    probe = subprocess.run(["perf", "record", "-q", "-e", "cpu-clock", "-o", os.path.join(out_dir, "perf-probe.data"),
                            "true"], capture_output=True)
    return probe.returncode == 0


def _report(data, *options):
    text = subprocess.run(["perf", "report", "-i", data, "--stdio", "-g", "none", *options],
                          capture_output=True, text=True).stdout
    if shutil.which("swift"):
        text = subprocess.run(["swift", "demangle", "--simplified"], input=text, capture_output=True, text=True).stdout
    rows = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        rows.append(line)
    return rows


def _percent(text):
    return float(text.rstrip("%"))


def run(argv, out_dir):
    """Profiles argv (a krtplan command line). Returns a dict of tables, or None."""
    if not perf_works(out_dir):
        return None
    data = os.path.join(out_dir, "perf.data")
    record = subprocess.run(["perf", "record", "-q", "-e", "cpu-clock", "-F", "999", "--call-graph", "dwarf,16384",
                             "-o", data, "--", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if record.returncode != 0:
        return None
    by_dso = []
    for line in _report(data, "--no-children", "--sort", "dso"):
        parts = line.split()
        if len(parts) >= 2 and parts[0].endswith("%"):
            by_dso.append((parts[1], _percent(parts[0])))
    self_rows, arc = [], 0.0
    for line in _report(data, "--no-children", "--sort", "dso,symbol"):
        match = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[.\]\s+(.*?)\s*(-\s+-\s*)?$", line)
        if not match:
            continue
        share, dso, symbol = float(match.group(1)), match.group(2), match.group(3).strip()
        if ARC_AND_ALLOC.match(symbol):
            arc += share
        self_rows.append((share, dso, symbol))
    inclusive = {}
    for line in _report(data, "--children", "--sort", "symbol"):
        match = re.match(r"\s*([\d.]+)%\s+([\d.]+)%\s+\[.\]\s+(.*?)\s*(-\s+-\s*)?$", line)
        if not match:
            continue
        children, symbol = float(match.group(1)), match.group(3).strip()
        for label, pattern in KEY_FUNCTIONS:
            if re.search(pattern, symbol):
                inclusive[label] = max(inclusive.get(label, 0.0), children)
    return {
        "command": " ".join(argv),
        "byDSO": by_dso[:8],
        "topSelf": self_rows[:15],
        "arcAndAllocationSelf": arc,
        "inclusive": [(label, inclusive.get(label)) for label, _ in KEY_FUNCTIONS],
    }
