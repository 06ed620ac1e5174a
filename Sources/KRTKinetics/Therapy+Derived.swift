import KRTUnits

extension Therapy {
    /// Total pre-filter fluid flow (pre-replacement + citrate) in L/h.
    public var preDilutionFlow: Double { preReplacementFlow + citrateFlow }

    /// Total ultrafiltration across the membrane in L/h: pre + post replacement + citrate + net UF.
    public var ultrafiltrationFlow: Double { preReplacementFlow + postReplacementFlow + citrateFlow + netUltrafiltration }

    /// Prescribed effluent flow in L/h: dialysate + total ultrafiltration.
    public var effluentFlow: Double { dialysateFlow + ultrafiltrationFlow }

    /// Prescribed effluent dose in L/kg/h (× 1000 for mL/kg/h).
    public func effluentDose(weight: Double) -> Double { weight > 0 ? effluentFlow / weight : 0 }

    /// Delivered effluent dose in L/kg/h: prescribed × delivered fraction.
    public func deliveredEffluentDose(weight: Double) -> Double { effluentDose(weight: weight) * deliveredFraction }

    /// Plasma flow Qb·(1 − Hct) in L/h.
    public func plasmaFlow(hematocrit: Double) -> Double { bloodFlow * (1 - hematocrit) }

    /// Plasma-water flow Qpw = Qb·(1 − Hct)·Fp in L/h: the flow that exchanges K, P and Mg
    /// (red-cell water does not take part in K transfer: Ursino γ_K = 0; ref §1.1).
    public func plasmaWaterFlow(hematocrit: Double, plasmaWaterFraction: Double) -> Double {
        plasmaFlow(hematocrit: hematocrit) * plasmaWaterFraction
    }

    /// Filtration fraction: total ultrafiltration / (plasma flow + pre-dilution flow) (KDIGO/Adequator form).
    public func filtrationFraction(hematocrit: Double) -> Double {
        let denominator = plasmaFlow(hematocrit: hematocrit) + preDilutionFlow
        return denominator > 0 ? ultrafiltrationFlow / denominator : 0
    }

    /// Pre-dilution factor on plasma-water flow: Qpw / (Qpw + Q_pre + Q_citrate) (1 without pre-dilution).
    public func preDilutionFactor(hematocrit: Double, plasmaWaterFraction: Double) -> Double {
        let qpw = plasmaWaterFlow(hematocrit: hematocrit, plasmaWaterFraction: plasmaWaterFraction)
        let denominator = qpw + preDilutionFlow
        return denominator > 0 ? qpw / denominator : 1
    }

    /// The diffusive KoA (L/h) of `solute` on this dialyser: its own value if given, else the dialyser's
    /// (urea) KoA × the solute's KoA ratio; nil without a KoA (CRRT flows: saturated effluent).
    public func koa(of solute: Solute, parameters: ModelParameters) -> Double? {
        if let own = soluteKoA[solute] { return own }
        return dialyzerKoA.map { $0 * parameters.koaRatio(solute) }
    }
}
