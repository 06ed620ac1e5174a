import Foundation
import KRTInput
import KRTKinetics
import KRTUnits
import LinearProgramming

/// Builds a ``PlanResult`` from chosen fluids and orders: simulates them with the non-linear model,
/// summarises the course, schedules lab draws, checks every limit, and fills the audit block.
struct PlanAssembly {
    let planningCase: PlanningCase
    let fluids: [(stream: StreamPlan, schedule: [(start: Double, option: FluidOption)])]
    let orders: [OrderPlacement]
    /// LP prediction at the report times (plan) or nil (simulation).
    let predicted: [Solute: [Double]]?
    /// Simulation at the report times and at fine resolution (for min/max, time in range).
    let report: Simulation
    let fine: Simulation
    /// What `report` and `fine` simulate (kept in the result for the uncertainty bands).
    let inputs: ForwardInputs

    /// Output step (h) of the fine simulation: 5 minutes.
    static let fineStep = 5.0 / 60

    var problem: PlanProblem { planningCase.problem }

    init(planningCase: PlanningCase, fluids: [(stream: StreamPlan, schedule: [(start: Double, option: FluidOption)])],
         orders: [OrderPlacement], predicted: [Solute: [Double]]?) {
        self.planningCase = planningCase
        self.fluids = fluids
        let all = orders
        self.orders = all
        self.predicted = predicted
        let problem = planningCase.problem
        var segments: [FluidStream: [FluidSchedule.Segment]] = [:]
        for (stream, schedule) in fluids {
            segments[stream.stream] = schedule.map { FluidSchedule.Segment(start: $0.start, concentrations: $0.option.concentrations) }
        }
        if let citrate = problem.citrate { segments[.citrate] = [FluidSchedule.Segment(start: 0, concentrations: citrate.concentrations)] }
        let simulator = Simulator(model: problem.model)
        let doses = all.map(\.dose)
        var forward = ForwardInputs(patient: problem.model.patient, therapy: problem.model.therapy, initialSerum: problem.initialSerum,
                                    fluids: FluidSchedule(segments: segments), doses: doses, horizon: problem.horizon, step: problem.step,
                                    correctionWindow: problem.correctionWindow)
        forward.startState = problem.startState
        inputs = forward
        report = simulator.run(initialState: problem.initialState, fluids: inputs.fluids, doses: doses,
                               horizon: problem.horizon, outputStep: problem.step)
        fine = simulator.run(initialState: problem.initialState, fluids: inputs.fluids, doses: doses,
                             horizon: problem.horizon, outputStep: min(Self.fineStep, problem.step))
    }

    func result(kind: PlanResult.Kind, status: PlanStatus, solver: SolverStatistics?, explanation: Explanation,
                verification: Verification) -> PlanResult {
        let file = planningCase.file
        let trajectory = Trajectory(times: report.times, series: Solute.planned.map { solute in
            SoluteSeries(solute: solute, values: predicted?[solute] ?? report.serum(solute))
        })
        let balance = Solute.planned.compactMap { solute in report.massBalance[solute].map(Self.summary) }
        let residual = balance.map(\.residual).max() ?? 0
        let warnings = planningCase.warnings.map(\.description) + clinicalWarnings()
        let audit = Audit(inputSHA256: file.sha256, catalogSHA256: planningCase.catalogSHA256, toolVersion: Planner.toolVersion,
                          modelVersion: Planner.modelVersion, glpkVersion: glpkVersion, solverStatus: status.rawValue,
                          solverResidual: verification.solverResidual, massBalanceResidual: residual)
        var result = PlanResult(
            kind: kind, caseName: file.name, status: status, horizon: problem.horizon, step: problem.step,
            fluids: fluidAssignments(), orders: orders.map(plannedOrder), trajectory: trajectory, solutes: summaries(),
            labDraws: LabDrawSchedule(assembly: self).draws(), warnings: warnings, explanation: explanation,
            verification: verification, solver: solver, massBalance: balance, therapySummary: therapySummary(),
            assumptions: assumptions() + (report.linearisationDifferences.isEmpty ? [] : [couplingNote()]), audit: audit,
            alerts: alerts(violations: explanation.violations, checks: verification.limitChecks))
        result.start = planningCase.start
        result.forwardInputs = inputs
        return result
    }

    // MARK: Verification

    func verification(prediction: [Solute: [Double]]?, couplingIterations: Int, residual: Double) -> Verification {
        var difference = 0.0
        if let prediction {
            for solute in Solute.planned {
                for (a, b) in zip(prediction[solute] ?? [], report.serum(solute)) { difference = max(difference, abs(a - b)) }
            }
        }
        return Verification(maxPredictionDifference: difference, tolerance: Planner.verificationTolerance,
                            couplingIterations: couplingIterations, limitChecks: limitChecks(), solverResidual: residual)
    }

    func couplingNote() -> String {
        let samples = report.linearisationDifferences
        let worst = samples.map { abs($0.linearisationError) }.max() ?? 0
        return "Mg → K coupling: at \(samples.count) instants serum Mg was above the threshold, where a linearised term would have "
            + "added up to \(Quantity.format((worst * 100).rounded() / 100)) mmol/h of K instead of none; the simulation uses max(0, ·) as written"
    }

    // MARK: Pieces

    func fluidAssignments() -> [FluidAssignment] {
        var list: [FluidAssignment] = []
        var streams = fluids.map { ($0.stream.stream, $0.stream.flow, $0.schedule) }
        if let citrate = problem.citrate { streams.append((.citrate, problem.model.therapy.citrateFlow, [(0, citrate)])) }
        for (stream, flow, schedule) in streams {
            for (index, entry) in schedule.enumerated() {
                let end = index + 1 < schedule.count ? schedule[index + 1].start : problem.horizon
                list.append(FluidAssignment(
                    stream: PlanModel.streamLabel(stream), from: entry.start, to: end, product: entry.option.product,
                    equivalents: entry.option.equivalents, potassium: entry.option.concentrations[.potassium] ?? 0,
                    phosphate: entry.option.concentrations[.phosphate] ?? 0, magnesium: entry.option.concentrations[.magnesium] ?? 0,
                    calcium: entry.option.calcium, flow: flow))
            }
        }
        return list
    }

    func plannedOrder(_ order: OrderPlacement) -> PlannedOrder {
        let drug = order.drug
        let perUnit = drug.contentPerUnit[drug.mainSolute] ?? 0
        let amount = perUnit * order.units
        let dose = order.units == order.units.rounded()
            ? "\(Quantity.format(order.units)) × \(drug.unitLabel) (\(Quantity.format(rounded(amount))) mmol \(drug.mainSolute.symbol))"
            : "\(Quantity.format(rounded(amount))) mmol \(drug.mainSolute.symbol) (\(Quantity.format(rounded(order.units))) × \(drug.unitLabel))"
        let rate = drug.isIntravenous && order.duration > 0 ? "\(Quantity.format(rounded(amount / order.duration))) mmol/h" : ""
        let delivers = Solute.allCases.compactMap { solute in
            drug.contentPerUnit[solute].map { SoluteAmount(solute: solute, amount: $0 * order.units) }
        }.filter { $0.amount > 0 }
        return PlannedOrder(at: order.at, drug: drug.name, units: Int(order.units.rounded()), dose: dose,
                            route: drug.route.rawValue, line: drug.line, duration: order.duration, rate: rate, delivers: delivers,
                            reason: order.fixed ? "written in the case" : reason(for: order))
    }

    /// Why the planner placed an order: the solute it raises and where that solute stands.
    func reason(for order: OrderPlacement) -> String {
        let solute = order.drug.mainSolute
        let level = value(solute, at: order.at)
        let target = problem.limits.target(solute)
        var text = "\(solute.symbol) predicted \(Quantity.format(rounded(level))) mmol/L at \(Quantity.format(order.at)) h (target \(Quantity.format(target.lowerBound))–\(Quantity.format(target.upperBound)))"
        if solute == .magnesium, problem.model.patient.couplingActive {
            text += "; low Mg drives renal K loss in this patient"
        }
        if order.drug.deliveredPerUnit[.potassium] != nil, solute != .potassium {
            text += "; also gives K"
        }
        return text
    }

    /// Simulated serum level at time t (nearest fine sample at or before t).
    func value(_ solute: Solute, at t: Double) -> Double {
        let series = fine.serum(solute)
        var best = series.first ?? 0
        for (time, value) in zip(fine.times, series) where time <= t + 1e-9 { best = value }
        return best
    }

    func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    static func summary(_ balance: MassBalance) -> MassBalanceSummary {
        MassBalanceSummary(solute: balance.solute, deliveredByFluids: balance.delivered, removedInEffluent: balance.effluent,
                           supplements: balance.intravenous + balance.absorbedFromGut, intake: balance.intake,
                           renalExcretion: balance.renal, potassiumWasting: balance.potassiumWasting,
                           changeInBody: balance.bodyChange, residual: balance.maximumClosureError)
    }
}
