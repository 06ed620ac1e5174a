"""`make bench`: run every measurement, print the summary, update docs/performance.md.

    .venv-bench/bin/python Benchmarks/run.py --krtplan .build/release/krtplan \
        --bench .build-bench/release/krtplan-bench [--quick] [--doc docs/performance.md]

Steps: krtplan-bench (in-process: single plan, scaling, sweeps, simulator; exports the models) →
CLI process times → the CLI's --export-lp compared with the harness's export → HiGHS on the
flagship and the largest planned scaling model → a perf profile of one CLI plan (when perf works) →
tables on stdout and in the generated blocks of the doc. Raw results: OUT/results.json.
"""
import argparse
import filecmp
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import analysis, cli, docfile, highs, machine, profile, render  # noqa: E402
from benchlib.fmt import console_table  # noqa: E402
from benchlib.stats import summary  # noqa: E402

FLAGSHIP = "cases/flagship-citrate-cvvhdf.yaml"


def say(text):
    print(f"[bench] {text}", flush=True)


def parse():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--krtplan", default=".build/release/krtplan")
    parser.add_argument("--bench", default=".build-bench/release/krtplan-bench")
    parser.add_argument("--out", default=".build/bench")
    parser.add_argument("--doc", default="docs/performance.md")
    parser.add_argument("--quick", action="store_true", default=os.environ.get("BENCH_QUICK") == "1")
    parser.add_argument("--no-doc", action="store_true", help="print only; leave the doc alone")
    parser.add_argument("--from-results", metavar="FILE", help="re-render a saved results.json (no measuring)")
    return parser.parse_args()


def run_harness(args):
    argv = [args.bench, "--root", os.getcwd(), "--out", args.out] + (["--quick"] if args.quick else [])
    say("krtplan-bench " + " ".join(argv[1:]))
    done = subprocess.run(argv, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"krtplan-bench failed with exit code {done.returncode}")
    with open(os.path.join(args.out, "krtplan-bench.json")) as f:
        return json.load(f)


def cli_times(args):
    budget, most = (10, 7) if args.quick else (30, 21)
    out = {}
    for key, argv in (("plan", [args.krtplan, "plan", FLAGSHIP]), ("validate", [args.krtplan, "validate", FLAGSHIP])):
        samples, codes = cli.repeated(argv, 3 if args.quick else 5, most, budget)
        out[key] = {"wall": summary([s[0] for s in samples]), "cpu": summary([s[1] for s in samples]), "exitCodes": codes}
        say(f"CLI {key}: median {out[key]['wall']['median'] * 1e3:.1f} ms wall over {len(samples)} runs, exit {codes}")
    return out


def export_matches(args, bench_model):
    path = os.path.join(args.out, "models", "cli-flagship.lp")
    subprocess.run([args.krtplan, "plan", FLAGSHIP, "--export-lp", path, "--force"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return os.path.exists(path) and filecmp.cmp(path, bench_model, shallow=False)


def side_by_side(args, bench):
    if not highs.available():
        say("highspy not importable: skipping the HiGHS comparison (run through make bench)")
        return [], None
    plan = bench["plan"]
    flagship_solve = (plan.get("search") or plan["total"])["wall"]["median"]
    jobs = [("flagship", plan["export"]["path"], plan["last"], flagship_solve, 30 if args.quick else 120)]
    planned = [row for row in bench.get("scaling", []) if row["status"] != "skipped"]
    largest = max(planned, key=lambda row: row["variables"], default=None)
    if largest:
        solve = (largest.get("search") or largest["total"])["wall"]
        jobs.append((largest["name"], largest["model"], largest, solve, 20 if args.quick else 60))
    out, version = [], None
    for name, model, row, solve, limit in jobs:
        say(f"HiGHS on {name} ({limit:.0f} s limit)")
        solution = os.path.join(args.out, f"highs-{name}.json") if name == "flagship" else None
        result = highs.solve(model, limit, solution_out=solution)
        if solution and os.path.exists(solution):
            result["solutionFile"] = solution
        version = result.get("version", version)
        out.append({"name": name, "krtplan": row, "krtplanSolve": solve, "highs": result})
    return out, version


def diagnose(args, raw):
    """Plan quality against HiGHS's best solution of the flagship model (needs the testable harness)."""
    flagship = next((j for j in raw if j["name"] == "flagship"), None)
    if not flagship or "solutionFile" not in flagship["highs"]:
        return None
    say("diagnosing the flagship plan against HiGHS's best solution")
    out = os.path.join(args.out, "diagnosis")
    done = subprocess.run([args.bench, "--root", os.getcwd(), "--out", out, "--sections", "none",
                           "--reference-solution", flagship["highs"]["solutionFile"]], stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        return None
    with open(os.path.join(out, "krtplan-bench.json")) as f:
        return json.load(f).get("diagnosis")


def derive(results):
    """Numbers computed from the raw measurements (also when re-rendering a saved results.json)."""
    results["sideBySide"] = [analysis.side_by_side(j["name"], j["krtplan"], j["krtplanSolve"], j["highs"])
                             for j in results.get("highsRaw", [])]
    results["scalingFit"] = analysis.scaling_fit(results["bench"].get("scaling", []))
    results["sweepSummary"] = analysis.sweep_summary(results["bench"].get("sweep", {}), results["machine"]["nproc"])


def main():
    args = parse()
    os.makedirs(args.out, exist_ok=True)
    if args.from_results:
        with open(args.from_results) as f:
            report(args, json.load(f))
        return
    started = time.perf_counter()
    results = {"quick": args.quick, "machine": machine.describe(args.krtplan), "loadStart": machine.load_average()}
    results["bench"] = run_harness(args)
    results["cli"] = cli_times(args)
    results["exportIdentical"] = export_matches(args, results["bench"]["plan"]["export"]["path"])
    results["highsRaw"], results["highsVersion"] = side_by_side(args, results["bench"])
    results["diagnosis"] = diagnose(args, results["highsRaw"])
    say("perf profile of one CLI plan")
    results["profile"] = profile.run([os.path.abspath(args.krtplan), "plan", FLAGSHIP], args.out)
    results["loadEnd"] = machine.load_average()
    results["elapsed"] = time.perf_counter() - started
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1, default=str)
    report(args, results)


def report(args, results):
    from benchlib import targets
    derive(results)
    print()
    print(console_table(["target", "goal", "measured", "verdict"], [list(r) for r in targets.check(results)]))
    print()
    blocks = render.blocks(results)
    if args.no_doc:
        return
    missing = docfile.update(args.doc, blocks)
    if missing:
        say(f"{args.doc} has no markers for: {', '.join(missing)}")
    say(f"updated {args.doc}; raw results in {args.out}/results.json")


if __name__ == "__main__":
    main()
