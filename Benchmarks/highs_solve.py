"""Solve one exported krtplan model (CPLEX LP or free MPS) with HiGHS and print JSON.

    .venv-bench/bin/python Benchmarks/highs_solve.py MODEL.lp --time-limit 120 [--gap 1e-4] [--threads 0]
        [--solution-out SOLUTION.json]

Times `Highs.run()` (reading is timed separately) and records the MIP progress from HiGHS's
MIP-interrupt callback, so one run to optimality (or to the time limit) also tells when HiGHS first
proved any coarser gap: the search does not depend on `mip_rel_gap` until it stops there.
"""
import argparse
import json
import time

import highspy


def solve(path, time_limit, gap, threads, solution_out=None):
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", float(gap))
    if threads:
        h.setOptionValue("threads", int(threads))
    start = time.perf_counter()
    read_status = h.readModel(path)
    read_seconds = time.perf_counter() - start
    if read_status != highspy.HighsStatus.kOk:
        return {"model": path, "error": f"readModel: {read_status}"}
    progress = []

    def on_interrupt(event):
        out = event.data_out
        progress.append([out.running_time, out.mip_primal_bound, out.mip_dual_bound, out.mip_gap])

    h.cbMipInterrupt.subscribe(on_interrupt)
    start = time.perf_counter()
    h.run()
    run_seconds = time.perf_counter() - start
    info = h.getInfo()
    lp = h.getLp()
    status = h.modelStatusToString(h.getModelStatus())
    finite = lambda v: v if v is not None and abs(v) < 1e300 else None
    if solution_out and info.primal_solution_status == 2:  # kSolutionStatusFeasible
        values = h.getSolution().col_value
        with open(solution_out, "w") as f:
            json.dump({h.getColName(i)[1]: values[i] for i in range(lp.num_col_)}, f)
    return {
        "model": path,
        "version": h.version(),
        "status": status,
        "readSeconds": read_seconds,
        "runSeconds": run_seconds,
        "objective": finite(info.objective_function_value),
        "bound": finite(info.mip_dual_bound),
        "gap": finite(info.mip_gap),
        "nodes": info.mip_node_count,
        "offset": lp.offset_,
        "columns": lp.num_col_,
        "rows": lp.num_row_,
        "requestedGap": gap,
        "timeLimit": time_limit,
        "progress": [[t, finite(p), finite(d), finite(g)] for t, p, d, g in progress],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("--time-limit", type=float, default=120)
    parser.add_argument("--gap", type=float, default=1e-4)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--solution-out", help="write the best solution as {column: value} JSON")
    args = parser.parse_args()
    print(json.dumps(solve(args.model, args.time_limit, args.gap, args.threads, args.solution_out)))


if __name__ == "__main__":
    main()
