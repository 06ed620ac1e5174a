import KRTUnits

/// Extracorporeal removal of one solute while the circuit runs, affine in serum and fluid concentrations.
///
/// Sign convention: `netRemoval` is mass leaving the patient (mmol/h, positive = removal):
///
///     J = f · ( a · C − Σ_s b_s · C_s )
///
/// with C the serum (plasma) concentration (mmol/L), C_s the concentration of stream s (mmol/L),
/// f the delivered fraction, and a, b_s in L/h. The derivation (docs/model.md §3):
///
/// * exchanging blood-side flow Q_e = Qb·(1 − Hct)·Fp (plasma water), exchangeable concentration s·C
///   (s = sieving / ultrafilterable fraction relative to serum);
/// * pre-dilution (pre-replacement and citrate) mixes in before the filter: Q_in = Q_e + Q_pre,
///   C_in = DF·s·C + Σ_pre Q_i·C_i / Q_in, DF = Q_e / Q_in;
/// * membrane transport (Ursino & Innocenti 2008 eq. 28; Sternby 2005): J_filter = κ·C_in − φ·C_d with
///   κ = φ + Q_F, Q_F = total ultrafiltration, and the per-solute diffusive term φ = S·S_X·Q_d (saturated
///   effluent, CRRT flows; S_X the solute's saturation relative to urea) or
///   φ = D_Michaels(Q_in, Q_d, KoA_X)·(1 − Q_F/Q_in) (SLED/HD flows; KoA_X = the dialyser's per-solute KoA,
///   or its urea KoA × the solute's KoA ratio), capped so κ ≤ Q_in;
/// * net removal = J_filter − Σ_{pre, post, citrate} Q_i·C_i (dialysate leaves in the effluent).
///
/// Hence a = κ·DF·s, b_pre,i = Q_i·(1 − κ/Q_in), b_dialysate = φ, b_post = Q_post. Every b ≥ 0, so a
/// higher fluid concentration never removes more. Effluent mass = J + f·Σ_s Q_s·C_s.
public struct ExtracorporealCoefficients: Sendable, Hashable {
    /// Coefficient of serum concentration, L/h (before the delivered fraction).
    public let serum: Double
    /// Coefficient of each stream's concentration, L/h (before the delivered fraction).
    public let stream: [FluidStream: Double]
    /// Prescribed flow of each stream, L/h.
    public let flow: [FluidStream: Double]
    /// Delivered fraction f.
    public let deliveredFraction: Double

    /// Net removal from the patient, mmol/h.
    public func netRemoval(serum c: Double, fluids: [FluidStream: Double]) -> Double {
        deliveredFraction * (serum * c - FluidStream.allCases.reduce(0) { $0 + (stream[$1] ?? 0) * (fluids[$1] ?? 0) })
    }

    /// Effluent mass flow, mmol/h.
    public func effluent(serum c: Double, fluids: [FluidStream: Double]) -> Double {
        netRemoval(serum: c, fluids: fluids)
            + deliveredFraction * FluidStream.allCases.reduce(0) { $0 + (flow[$1] ?? 0) * (fluids[$1] ?? 0) }
    }

    /// Effective clearance of the serum pool, L/h (f·a): what multiplies C in the balance.
    public var clearance: Double { deliveredFraction * serum }
}

extension ExtracorporealCoefficients {
    /// Coefficients for `solute` under `therapy` for `patient` (parameters from the patient).
    public init(solute: Solute, therapy: Therapy, patient: Patient) {
        let p = patient.parameters
        let qe = therapy.plasmaWaterFlow(hematocrit: patient.hematocrit, plasmaWaterFraction: p[.plasmaWaterFraction])
        let qPre = therapy.preDilutionFlow
        let qin = qe + qPre
        let qf = therapy.ultrafiltrationFlow
        let qd = therapy.dialysateFlow
        var phi: Double
        if let koa = therapy.koa(of: solute, parameters: p), qd > 0, qin > 0 {
            phi = Self.michaels(bloodSide: qin, dialysate: qd, koa: koa) * Swift.max(0, 1 - qf / qin)
        } else {
            phi = p[.diffusiveSaturation] * p.saturationRatio(solute) * qd
        }
        phi = Swift.max(0, Swift.min(phi, qin - qf))
        let kappa = Swift.min(phi + qf, qin)
        let df = qin > 0 ? qe / qin : 0
        let s = p.sieving(solute, citrate: therapy.usesCitrate)
        let preShare = qin > 0 ? 1 - kappa / qin : 0
        serum = kappa * df * s
        stream = [
            .dialysate: phi,
            .preReplacement: therapy.preReplacementFlow * preShare,
            .citrate: therapy.citrateFlow * preShare,
            .postReplacement: therapy.postReplacementFlow,
        ]
        var flows: [FluidStream: Double] = [:]
        for s in FluidStream.allCases { flows[s] = therapy.flow(of: s) }
        flow = flows
        deliveredFraction = therapy.deliveredFraction
    }

    /// Michaels countercurrent diffusive clearance (L/h) for blood-side flow `qb`, dialysate flow `qd`
    /// and mass-transfer-area coefficient `koa` (all L/h):
    /// Z = Qb/Qd, E = exp[(KoA/Qb)(1 − Z)], K = Qb·(E − 1)/(E − Z); K = Qb·KoA/(KoA + Qb) when Qb = Qd.
    public static func michaels(bloodSide qb: Double, dialysate qd: Double, koa: Double) -> Double {
        guard qb > 0, qd > 0, koa > 0 else { return 0 }
        let z = qb / qd
        if abs(1 - z) < 1e-9 { return qb * koa / (koa + qb) }
        let x = koa / qb * (1 - z)
        if x > 0 {
            // Same formula divided through by E = e^x, so a large KoA cannot overflow: K → Qb.
            let inverse = exponential(-x)
            return qb * (1 - inverse) / (1 - z * inverse)
        }
        let e = exponential(x)
        return qb * (e - 1) / (e - z)
    }

    /// e^x for a scalar through the matrix exponential's Padé machinery (keeps the module Foundation-free).
    static func exponential(_ x: Double) -> Double { MatrixExponential.exp(Matrix([[x]]))[0, 0] }
}
