"""Markdown blocks for docs/performance.md and the console summary."""
from .fmt import num, pct, secs, table
from .stats import time_to_gap
from . import targets


def machine(r):
    m, b = r["machine"], r["bench"]
    rows = [
        ("date", m["date"]),
        ("machine", f"{m['nproc']} cores (`nproc`), CPU \"{m['cpu']}\" (/proc/cpuinfo), {m['memoryGiB']} GiB"),
        ("system", f"{m['os']}, Linux {m['kernel']}"),
        ("toolchain", f"{m['swift']}; {m['krtplan']}; HiGHS {r.get('highsVersion', '—')} (highspy, PyPI)"),
        ("builds", "CLI: `swift build -c release`; harness: release with `-enable-testing` "
                   "(`.build-bench/`, for the build/search split)" if b.get("internals") else "release, public API only"),
        ("load average (1/5/15 min)", f"start {r['loadStart']}, end {r['loadEnd']} — "
                                      "other jobs shared the machine; CPU times are the steadier figure"),
        ("mode", "quick (`BENCH_QUICK=1`)" if r["quick"] else "full"),
        ("run time", secs(r["elapsed"])),
    ]
    return table(["", ""], rows, ["l", "l"])


def target_table(r):
    return table(["target", "goal", "measured", "verdict"], targets.check(r), ["l", "l", "l", "l"])


def _row(label, summary_pair):
    wall, cpu = summary_pair["wall"], summary_pair["cpu"]
    return (label, secs(wall["median"]), secs(wall["p95"]), secs(wall["min"]), secs(cpu["median"]), wall["n"])


def single(r):
    p = r["bench"]["plan"]
    rows = [_row("case read + resolve", p["caseRead"])]
    if "build" in p:
        rows += [_row("(a) model build `PlanModel(problem:)`", p["build"]),
                 _row("(b) solve `PlanSearch.run`", p["search"]),
                 _row("assembly (re-simulation, checks, explanation)", p["assemble"])]
    rows.append(_row("`Planner.plan` in process" + (" (= build + solve + assembly)" if "build" in p else ""), p["total"]))
    for key, label in (("plan", "(c) end-to-end CLI `krtplan plan` (process)"),
                       ("validate", "CLI floor: `krtplan validate` (start-up, catalog, case)")):
        if key in r.get("cli", {}):
            rows.append(_row(label, r["cli"][key]))
    last = p["last"]
    out = table(["step", "median", "p95", "min", "CPU median", "runs"], rows)
    out += ("\n\nModel: {v} variables ({b} binary, {i} integer), {c} constraints, {n} grid intervals. "
            "Result: status `{s}`, objective {o}, proven bound {lb}, stated gap {g} (requested {rg}); "
            "{lps} LPs, {milps} MILPs, {a} fluid assignments scored; identical objective in every run: {same}. "
            "Planner threads: {t}. p95 is the nearest-rank 95th percentile (with fewer than 20 runs, the maximum)."
            ).format(v=num(last.get("variables")), b=num(last.get("binaryVariables")), i=num(last.get("integerVariables")),
                     c=num(last.get("constraints")), n=num(last.get("intervals")), s=last["status"],
                     o=num(last.get("objective"), 2), lb=num(last.get("bound"), 2), g=pct(last.get("relativeGap")),
                     rg=pct(last.get("requestedGap")), lps=last.get("lps"), milps=last.get("milps"),
                     a=last.get("assignments"), same="yes" if p["distinctObjectives"] == 1 else "**no**", t=p["threads"])
    return out


def scaling(r):
    rows, overruns = [], []
    for row in r["bench"]["scaling"]:
        if row["status"] == "skipped":
            rows.append((f"{row['horizonHours']} h", f"{row['stepMinutes']} min", num(row["steps"]), num(row.get("intervals")),
                         num(row["variables"]), num(row["constraints"]), num(row["binaryVariables"]),
                         secs(row["build"]["wall"]), f"not planned (≈ {secs(row['predictedSeconds'])} predicted)", "—",
                         "skipped", "—", 0))
            continue
        solve = row.get("searchSummary") or row["totalSummary"]
        limited = row["status"] == "timeLimit"
        limit = r["bench"]["settings"]["scalingTimeLimit"]
        if limited and solve["wall"]["median"] > 1.1 * limit:
            overruns.append(f"{row['horizonHours']} h / {row['stepMinutes']} min: {secs(solve['wall']['median'])}")
        rows.append((f"{row['horizonHours']} h", f"{row['stepMinutes']} min", num(row["steps"]), num(row.get("intervals")),
                     num(row["variables"]), num(row["constraints"]), num(row["binaryVariables"]),
                     secs((row.get("build") or {}).get("wall")),
                     ("≥ " if limited else "") + secs(solve["wall"]["median"]), secs(solve["cpu"]["median"]),
                     row["status"] + (" (limit)" if limited else ""), pct(row.get("relativeGap")), row["runs"]))
    out = table(["horizon", "step", "steps", "intervals", "variables", "constraints", "binaries", "build",
                 "solve (wall)", "solve (CPU)", "status", "gap", "runs"], rows, ["l", "l"] + ["r"] * 8 + ["l", "r", "r"])
    f = r["scalingFit"]
    exp = lambda k: "—" if f.get(k) is None else f"{f[k]:.2f}"
    out += ("\n\nGrowth exponents k in solve time ∝ size^k (least squares on log–log, cases stopped by the "
            f"time limit left out: {', '.join(f['excluded']) or 'none'}): against variables **{exp('variables')}** "
            f"(with the time-limited floors included: {exp('variablesWithFloors')}); against horizon at 60-min steps "
            f"{exp('horizonAt60min')}, at 15-min steps {exp('horizonAt15min')}; against step count at fixed horizon "
            f"24 h {exp('stepsAt24h')}, 72 h {exp('stepsAt72h')}, 168 h {exp('stepsAt168h')}. "
            f"Planner time limit per case {secs(r['bench']['settings']['scalingTimeLimit'])} (`PlanningOptions.timeLimit`).")
    if overruns:
        out += (" **The time limit was overrun by more than 10 %** — wall time of those cases: " + "; ".join(overruns) + ".")
    skipped = [row for row in r["bench"]["scaling"] if row["status"] == "skipped"]
    if skipped:
        out += " " + "; ".join(f"{row['name']}: {row['skipped']}" for row in skipped) + "."
    return out


def sweep(r):
    s, sw, threads = r["sweepSummary"], r["bench"]["sweep"], r["machine"]["nproc"]
    rows = []
    for mode in ("plan", "simulate"):
        entry = sw.get(mode, {})
        one, many = entry.get("threads1"), entry.get(f"threads{threads}")
        if not one or not many:
            continue
        rows.append((f"`{mode}`", num(entry["variants"]), secs(one["wall"]), f"{one['perSecond']:.2f}/s",
                     secs(many["wall"]), f"{many['perSecond']:.2f}/s", f"{one['wall'] / many['wall']:.2f}×",
                     f"{one['cpu'] / one['wall']:.2f} / {many['cpu'] / many['wall']:.2f}",
                     ", ".join(f"{k} {v}" for k, v in sorted(many["statuses"].items()))))
    out = table(["sweep", "variants", "1 thread", "throughput", f"{threads} threads", "throughput", "speed-up",
                 "cores used (CPU s / wall s), 1 / all", "statuses"], rows, ["l"] + ["r"] * 7 + ["l"])
    if s.get("planMeasuredAll"):
        out += f"\n\nAll {s['total']} planning variants measured directly."
    elif "planAllCoresFor1000" in s:
        out += (f"\n\nPlanning all {s['total']} variants would take far too long at this planner speed, so "
                f"{s['planVariants']} variants spread evenly over the list were planned and the time scaled by "
                f"{s['total']}/{s['planVariants']}: **{secs(s['planAllCoresFor1000'])} on {threads} threads** "
                f"({secs(s['planOneThreadFor1000'])} on one) — an extrapolation, not a measurement. The `simulate` "
                f"row is measured in full.")
    out += ("\n\n\"Cores used\" is the process's CPU time over its wall time: ideally 1.0 on one thread and "
            f"{threads}.0 on {threads}. Below that, other processes held the cores and the speed-up measures the "
            "machine, not krtplan.")
    caps = [(mode, s.get(f"{mode}Capacity")) for mode in ("plan", "simulate") if s.get(f"{mode}Capacity")]
    if caps:
        out += (" Calibration: the same pure CPU loop on one thread and on all threads at once, just before and after "
                "each sweep (`Sources/krtplan-bench/Calibration.swift`), ran "
                + " and ".join(f"{c:.2f}× faster on all threads around the `{m}` sweep" for m, c in caps)
                + f" (ideal {threads}.00×): that is the most any program could have gained at the time.")
    if "planWorkInflation" in s:
        out += (f" What krtplan controls is the work: CPU time for the same variants on {threads} threads was "
                f"{s['planWorkInflation']:.2f}× the one-thread CPU time for planning"
                + (f" and {s['simulateWorkInflation']:.2f}× for simulating" if "simulateWorkInflation" in s else "")
                + " (1.00 = no parallel overhead; with free cores the speed-up would then be limited only by load "
                  "balance across variants).")
    out += ("\n\nVariants: dialysate flow 1,000–2,500 mL/h × starting K 3.0–3.9 mmol/L × starting Mg "
            "1.2–1.8 mg/dL (`Sources/krtplan-bench/SweepBench.swift`), through `WhatIf.run` as `krtplan compare` "
            "calls it (each variant planned on one thread; variants in parallel). The `simulate` sweep fixes "
            "both choosable streams to Biphozyl and writes five orders.")
    return out


def simulator(r):
    s = r["bench"].get("simulator")
    if not s:
        return "(not run)"
    m = r["machine"]
    t = s["time"]
    return table(["date", "machine", "build", "median", "min", "CPU median"], [(
        m["date"][:10], f"{m['nproc']} cores, \"{m['cpu']}\"", "`make bench` (release, `-enable-testing`)",
        f"**{secs(t['wall']['median'])}**", secs(t["wall"]["min"]), secs(t["cpu"]["median"]))],
        ["l", "l", "l", "r", "r", "r"]) + (
        f"\n\n{s['runs']} runs, {num(s['outputPoints'])} output points; "
        "`Sources/krtplan-bench/SimulatorBench.swift` replays the same fixture through the public API.")


def highs(r):
    rows = []
    for e in r.get("sideBySide", []):
        k, h = e["krtplan"], e["highs"]
        if "error" in h:
            rows.append((e["name"], "HiGHS failed: " + h["error"][:80]) + ("",) * 10)
            continue
        status = h["status"] + (f" after {secs(h['runSeconds'])}" if h["status"] != "Optimal" else f" in {secs(h['runSeconds'])}")
        rows.append((
            e["name"], f"{num(h['columns'])} × {num(h['rows'])}",
            secs(e["krtplanSolve"]) + (" (limit)" if k["status"] == "timeLimit" else ""),
            f"{num(k.get('objective'), 2)} / {num(k.get('bound'), 2)} / {pct(k.get('relativeGap'))}",
            secs(e.get("highsAtSameGap")) if e.get("highsAtSameGap") else f"not reached in {secs(h['timeLimit'])}",
            "—" if e.get("ratioAtSameGap") is None else f"**{e['ratioAtSameGap']:.2f}**",
            secs(e.get("highsToKrtplanObjective")) if e.get("highsToKrtplanObjective") else f"not reached in {secs(h['timeLimit'])}",
            secs(e.get("highsAtRequestedGap")) if e.get("highsAtRequestedGap") else f"not reached in {secs(h['timeLimit'])}",
            f"{num(h.get('objective'), 2)} / {num(h.get('bound'), 2)}", status,
            pct(e.get("trueGap")), e.get("consistencyText", "—")))
    out = table(["model", "columns × rows", "krtplan solve", "krtplan objective / bound / stated gap",
                 "HiGHS to krtplan's gap", "ratio", "HiGHS to a plan as good as krtplan's", "HiGHS to 1 %", "HiGHS objective / bound", "HiGHS status",
                 "krtplan's true gap", "check"], rows, ["l", "r", "r", "r", "r", "r", "r", "r", "r", "l", "r", "l"])
    out += ("\n\nSame file for both: the model `Planner.exportModel` writes (what `krtplan plan --export-lp` writes; "
            f"the CLI's file was {'byte-identical' if r.get('exportIdentical') else '**different**'} for the flagship). "
            "HiGHS times are `Highs.run()` only (reading the file is extra, "
            + ", ".join(f"{secs(e['highs'].get('readSeconds'))} for {e['name']}" for e in r.get("sideBySide", [])
                        if "readSeconds" in e["highs"])
            + "); \"to krtplan's gap\" is the first moment HiGHS's own primal and dual bounds were within krtplan's "
              "stated relative gap (MIP-interrupt callback; `mip_rel_gap` only decides when HiGHS stops, not how it "
              "searches). krtplan solve = `PlanSearch.run` wall median (largest case: one run). HiGHS ran with its "
              "default threads; krtplan with all cores.")
    return out


def profile(r):
    p = r["bench"].get("plan", {})
    out = ""
    if p.get("phases"):
        total = sum(ph["wall"]["median"] for ph in p["phases"])
        rows = [(ph["name"], secs(ph["wall"]["median"]), f"{ph['wall']['median'] / total * 100:.0f} %") for ph in p["phases"]]
        out += "Search phases of the flagship plan (wall, median over the single-plan runs):\n\n"
        out += table(["phase", "median", "share"], rows) + "\n"
    prof = r.get("profile")
    if prof:
        out += (f"\nSampling profile of one `{prof['command'].split('/')[-1]}` (perf, cpu-clock, DWARF call graphs; "
                "shares of all samples of the process, every thread; inclusive rows overlap, and samples on worker threads "
                "carry no caller above the worker's closure):\n\n")
        out += table(["inclusive", "share"], [(label, "—" if v is None else f"{v:.1f} %") for label, v in prof["inclusive"]])
        out += "\n\n" + table(["self time by library", "share"], [(d, f"{v:.1f} %") for d, v in prof["byDSO"]])
        out += f"\n\nARC and allocation (`swift_retain`/`release`, malloc/free, …) self time: **{prof['arcAndAllocationSelf']:.1f} %**.\n\n"
        out += table(["top self symbols", "library", "share"],
                     [(sym[:90].replace("|", "\\|"), dso, f"{share:.1f} %") for share, dso, sym in prof["topSelf"][:12]],
                     ["l", "l", "r"])
    elif not out:
        out = "(no profile: perf unavailable)"
    return out.strip()


def blocks(r):
    return {"machine": machine(r), "targets": target_table(r), "single": single(r), "scaling": scaling(r),
            "sweep": sweep(r), "simulator": simulator(r), "highs": highs(r) + diagnosis(r), "profile": profile(r),
            "experiments": experiments(r)}


def experiments(r):
    e = r["bench"].get("experimentResults")
    if not e:
        if r["bench"].get("experiments") is False:
            return ("(not compiled: `Experiments+Internals.swift` no longer matches the planner's internals — update it; "
                    "`make bench` said so while building)")
        return "(not run: quick mode)"
    rows = []
    for row in e["searchSettings"]:
        if "error" in row:
            rows.append((row["label"], secs(row["wall"]), secs(row["cpu"]), "fails: " + row["error"].split(".")[-1].rstrip(")"),
                         "—", "—", "—", "—"))
            continue
        phases = {p["name"]: p["seconds"] for p in row["phases"]}
        rows.append((row["label"], secs(row["wall"]), secs(row["cpu"]), num(row["objective"], 2), num(row["bound"], 2),
                     pct(row["gap"]), row["assignments"],
                     " / ".join(secs(phases.get(k)) for k in ("relaxation and first orders", "fluid neighbourhood", "bound branch-and-cut"))))
    out = "Search settings (`PlanningOptions`, one change at a time, `PlanSearch.run` on the flagship model):\n\n"
    out += table(["setting", "wall", "CPU", "objective", "bound", "stated gap", "assignments",
                  "first orders / neighbourhood / bound (wall)"], rows, ["l", "r", "r", "r", "r", "r", "r", "r"])
    ev = e["evaluator"]
    out += ("\n\nExact evaluator (`DoseEvaluator`, the local search's only cost; CPU time): one full pass over "
            f"{ev['intervals']} intervals × {ev['states']} states with {ev['doses']} doses takes "
            f"**{secs(ev['passSeconds'])}** ({ev['matvecFlopsPerPass'] / ev['passSeconds'] / 1e9:.2f} GFLOP/s on the "
            f"Φ·x products alone); an incremental evaluation of a one-unit change at the middle dose (only the "
            f"blocks it touches, from its time) {secs(ev['resumedHalfSeconds'])}; a full pass that keeps its record "
            f"(what a descent starts from) {secs(ev['tracedSeconds'])}; setting up an evaluator for a fluid assignment "
            f"{secs(ev['setupSeconds'])}. The same Φ·x + base recurrence from flat arrays, with no allocation or "
            f"reference counting per interval, takes {secs(ev.get('flatFloorSeconds'))} per pass "
            f"(`Experiments.flatFloor`) — the room the evaluator has.")
    ns = e.get("neighbourScreening")
    if ns:
        out += (f"\n\nAround the final plan ({ns['neighbours']} fluid neighbours, plan objective "
                f"{ns['planObjective']:.2f}): re-running the order local search on every neighbour from the final "
                f"orders takes {secs(ns['fullSeconds'])} CPU and finds {ns['improvingAfterDescent']} neighbours better "
                f"than the plan (best {ns['bestAfterDescent']:.2f}) — the search had scored them all, earlier, from "
                f"older orders. Scoring every neighbour with one exact pass of the final orders takes "
                f"{secs(ns['cheapSeconds'])}; the neighbour that is best after descent ranks "
                f"#{ns['rankOfBestByCheapScore']} by that cheap score.")
    rows = [(row["milp"], row["label"], row["nodeLimit"], secs(row["wall"]), num(row["bound"], 2), row["termination"],
             num(row["nodes"])) for row in e["milpOptions"]]
    out += "\n\nGLPK settings for the two branch-and-cut calls (same node limits and MIP start as the planner):\n\n"
    out += table(["MILP", "cuts, branching", "node limit", "wall", "best bound", "termination", "nodes"], rows,
                 ["l", "l", "r", "r", "r", "l", "r"])
    rows = [(f"{row['horizonHours']} h", f"{row['stepMinutes']} min", row["slots"], row["doses"], row["neighbours"],
             row["intervals"], secs(row["passSeconds"])) for row in e["sizeDrivers"]]
    out += ("\n\nWhat grows with the case (first-round neighbours of an all-first-option assignment; one pass with one "
            "unit per dose, CPU time):\n\n")
    out += table(["horizon", "step", "fluid slots", "dose decisions", "neighbours per round", "intervals", "one pass"], rows)
    return out


def diagnosis(r):
    d = r.get("diagnosis")
    if not d:
        return ""
    same = d["planAssignment"] == d["referenceAssignment"]
    flagship = next((e["highs"] for e in r.get("sideBySide", []) if e["name"] == "flagship"), {})
    highs_objective, optimal = flagship.get("objective"), flagship.get("status") == "Optimal"
    what = "optimal solution" if optimal else f"best solution (not proven optimal; HiGHS gap {pct(flagship.get('gap'))})"
    text = (f"\n\n**Plan quality against {'the proven optimum' if optimal else 'HiGHS'}.** HiGHS's {what} of the "
            "flagship model, replayed "
            f"through krtplan's own exact evaluator (`DoseEvaluator`), scores {d['referenceObjectiveExact']:.4f} "
            f"(HiGHS: {num(highs_objective, 4)}; feasible: {'yes' if d['referenceFeasible'] else '**no**'}) — "
            + ("the evaluator and the exported LP agree. " if highs_objective is not None
               and abs(highs_objective - d["referenceObjectiveExact"]) <= 1e-6 * max(1, abs(highs_objective))
               else "**the evaluator and the exported LP disagree**. ")
            + f"krtplan's plan scores {d['planObjective']:.2f}, "
            f"{(d['planObjective'] / d['referenceObjectiveExact'] - 1) * 100:.1f} % above it. ")
    if same:
        text += "Both use the same fluids, so the loss is in the orders. "
    else:
        text += (f"HiGHS's plan uses fluid assignment {d['referenceAssignment']} (slot option indices), krtplan "
                 f"{d['planAssignment']}; the planner "
                 + ("did score those fluids in its neighbourhood search and found no feasible orders for them. "
                    if d["referenceAssignmentEvaluatedByPlanner"] else "never scored those fluids. "))
    def outcome(key, feasible, violation=None):
        if d.get(feasible, True):
            return f"{d[key]:.2f} (feasible)"
        return f"an **infeasible** point (objective {d[key]:.2f}, violation {d.get(violation, float('nan')):.2f})"
    text += (f"On HiGHS's fluids, krtplan's own order local search (`DoseSearch.improve`) ends at "
             f"{outcome('localSearchFromPlanOrders', 'fromPlanFeasible', 'fromPlanViolation')} from the final plan's "
             f"orders and at {outcome('localSearchFromLPOrders', 'fromLPFeasible', 'fromLPViolation')} from the "
             f"fixed-fluid LP rounding; started at HiGHS's orders it stays at "
             f"{outcome('localSearchFromReferenceOrders', 'fromReferenceFeasible')}.")
    return text
