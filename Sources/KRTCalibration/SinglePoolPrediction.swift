import Foundation
import KRTKinetics
import KRTPlanner
import KRTUnits

/// The single-pool teaching formula every figure is also compared with (docs/validation.md, "The
/// single-pool formula"): one well-mixed compartment per solute,
///
///     V dC/dt = K_x·(C_f − C) − K_r·C + G + I(t)
///
/// * V = 0.6 L/kg × weight (male) or 0.5 L/kg (female) — the teaching simulator's volume
///   (raualex/crrt-teaching-tool-v2, `src/utils/equationsMaster.js`);
/// * K_x, while the circuit runs: continuous KRT — the teaching simulator's effluent clearance with a
///   whole-blood pre-dilution factor and sieving 1, K_x = Q_b/(Q_b + Q_pre + Q_cit) × (Q_d + Q_pre + Q_post + Q_cit + Q_UF);
///   intermittent KRT with a dialyser KoA — the Michaels countercurrent clearance on whole-blood flow
///   (the classic single-pool urea model), plus Q_post + Q_UF; both × the case's delivered fraction;
/// * C_f = Σ Q_i·C_i / (Σ Q_i + Q_UF): the flow-weighted fluid concentration the patient moves toward;
/// * K_r: the case's residual renal clearance; G: the case's absorbed intake; I(t): IV and oral orders as given.
///
/// Integrated exactly over 1-min steps (inputs constant within a step).
public final class SinglePoolPrediction: Prediction {
    static let step = 1.0 / 60
    let patient: Patient
    let therapy: Therapy
    let fluids: FluidSchedule
    public let doses: [Dose]
    let horizon: Double
    var start: [Solute: Double]
    private var series: [Solute: Series] = [:]

    /// Levels (mmol/L), cumulative circuit removal and renal excretion (mmol), one entry per step from 0 h.
    struct Series { var level: [Double], removed: [Double], renal: [Double] }

    public init(problem: PlanProblem) {
        let model = ModelPrediction(problem: problem)
        patient = problem.model.patient
        therapy = problem.model.therapy
        fluids = model.fluids
        doses = model.doses
        horizon = problem.horizon
        start = problem.initialSerum
    }

    init(copying other: SinglePoolPrediction, start: [Solute: Double]) {
        patient = other.patient
        therapy = other.therapy
        fluids = other.fluids
        doses = other.doses
        horizon = other.horizon
        self.start = start
    }

    /// Distribution volume, L.
    var volume: Double { (patient.sex == .female ? 0.5 : 0.6) * patient.weight }

    /// Circuit clearance while running, L/h.
    var clearance: Double {
        let qb = therapy.bloodFlow, pre = therapy.preReplacementFlow + therapy.citrateFlow
        let uf = therapy.netUltrafiltration, post = therapy.postReplacementFlow
        if let koa = therapy.dialyzerKoA {
            return therapy.deliveredFraction * (ExtracorporealCoefficients.michaels(bloodSide: qb, dialysate: therapy.dialysateFlow, koa: koa) + post + uf)
        }
        let dilution = qb / (qb + pre)
        return therapy.deliveredFraction * dilution * (therapy.dialysateFlow + pre + post + uf)
    }

    /// Flow-weighted fluid concentration at t.
    func fluidLevel(_ s: Solute, at t: Double) -> Double {
        var mass = 0.0, flow = therapy.netUltrafiltration
        for stream in FluidStream.allCases {
            let q = therapy.flow(of: stream)
            flow += q
            mass += q * fluids.concentration(stream, s, at: t)
        }
        return flow > 0 ? mass / flow : 0
    }

    func compute(_ s: Solute) -> Series {
        if let hit = series[s] { return hit }
        let n = Int((horizon / Self.step).rounded())
        let v = volume, kr = patient.residualClearance(s), g = patient.absorbedIntake(s), kx = clearance
        var c = start[s] ?? 0, removedSoFar = 0.0, renalSoFar = 0.0
        var level = [c], removed = [0.0], renal = [0.0]
        level.reserveCapacity(n + 1)
        for k in 0..<n {
            let t0 = Double(k) * Self.step, mid = t0 + Self.step / 2
            for dose in doses where dose.duration <= 0 && abs(dose.time - t0) < 1e-9 { c += (dose.amounts[s] ?? 0) / v }
            var input = g
            for dose in doses where dose.duration > 0 && mid >= dose.time && mid < dose.end { input += (dose.amounts[s] ?? 0) / dose.duration }
            let on = therapy.isRunning(at: mid)
            let k = on ? kx : 0, cf = on ? fluidLevel(s, at: mid) : 0
            let a = (k + kr) / v, b = (k * cf + input) / v
            let dt = Self.step
            let next: Double, integral: Double
            if a > 1e-12 {
                let e = exp(-a * dt)
                next = b / a + (c - b / a) * e
                integral = b / a * dt + (c - b / a) * (1 - e) / a
            } else {
                next = c + b * dt
                integral = c * dt + b * dt * dt / 2
            }
            removedSoFar += k * (integral - cf * dt)
            renalSoFar += kr * integral
            c = next
            level.append(c)
            removed.append(removedSoFar)
            renal.append(renalSoFar)
        }
        let out = Series(level: level, removed: removed, renal: renal)
        series[s] = out
        return out
    }

    func index(_ t: Double) -> Int { Int((t / Self.step).rounded()) }

    public func level(_ solute: Solute, at t: Double) -> Double {
        sample(compute(solute).level, at: t)
    }

    public func levels(_ solute: Solute, from a: Double, to b: Double, every dt: Double) -> [Double] {
        stride(from: a, through: b + 1e-9, by: dt).map { level(solute, at: $0) }
    }

    public func removed(_ solute: Solute, upTo t: Double) -> Double { sample(compute(solute).removed, at: t) }

    public func renal(_ solute: Solute, upTo t: Double) -> Double { sample(compute(solute).renal, at: t) }

    public var weight: Double { patient.weight }

    /// The series' value at t (NaN outside the horizon).
    func sample(_ values: [Double], at t: Double) -> Double {
        let i = index(t)
        return i >= 0 && i < values.count ? values[i] : .nan
    }

    public func starting(_ solute: Solute, at level: Double) -> Prediction {
        var s = start
        s[solute] = level
        return SinglePoolPrediction(copying: self, start: s)
    }

    public var sessions: [(start: Double, end: Double)] { ModelPrediction.sessions(of: therapy) }
}
