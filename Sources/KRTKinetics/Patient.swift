import KRTUnits

/// The patient as the kinetic model sees them. All values in internal units.
public struct Patient: Sendable, Hashable {
    public enum Sex: String, Sendable, Hashable, CaseIterable { case female, male }

    /// Residual renal function.
    public enum ResidualFunction: Sendable, Hashable {
        /// Anuric: no renal excretion.
        case none
        /// Urine output in L/h (≥ 0). Solute clearance = urine output × the default urine-to-plasma
        /// ratio of ``ModelParameters`` (K 8, P 10, Mg 3; all ASSUMPTIONS, docs/model.md §6).
        case urineOutput(Double)
        /// Explicit residual clearance per solute in L/h (missing solutes: 0).
        case clearances([Solute: Double])
    }

    /// Continuous intake of one solute (enteral or parenteral nutrition, maintenance fluids).
    public struct Intake: Sendable, Hashable {
        /// Gross intake in mmol/h (≥ 0).
        public var rate: Double
        /// Fraction absorbed (0–1); `nil` uses the model default (K 0.90, P 0.65, Mg 0.35 for
        /// enteral intake; give 1 for parenteral). Absorbed intake enters the ECF/central pool
        /// directly and continuously (no gut delay).
        public var absorbedFraction: Double?

        public init(rate: Double, absorbedFraction: Double? = nil) {
            self.rate = rate
            self.absorbedFraction = absorbedFraction
        }
    }

    /// Body weight in kg (> 0). Scales every volume parameter (L/kg).
    public var weight: Double
    public var sex: Sex
    /// Height in m, optional (not used by the kinetics; validated for plausibility).
    public var height: Double?
    /// Hematocrit as a fraction (0–1), used for plasma-water flow.
    public var hematocrit: Double
    public var residualFunction: ResidualFunction
    /// Continuous intake per solute (K, P, Mg; others ignored).
    public var intake: [Solute: Intake]
    /// Mg-driven renal K wasting on/off. Only acts with residual function (see ``KineticModel``).
    public var magnesiumDrivenPotassiumWasting: Bool
    public var parameters: ModelParameters
    /// Given drugs that shift K into cells (insulin, salbutamol, bicarbonate); times relative to 0 h.
    public var shiftDrivers: [ShiftDriver] = []

    public init(weight: Double, sex: Sex = .male, height: Double? = nil, hematocrit: Double = 0.30,
                residualFunction: ResidualFunction = .none, intake: [Solute: Intake] = [:],
                magnesiumDrivenPotassiumWasting: Bool = false, parameters: ModelParameters = .defaults) {
        self.weight = weight
        self.sex = sex
        self.height = height
        self.hematocrit = hematocrit
        self.residualFunction = residualFunction
        self.intake = intake
        self.magnesiumDrivenPotassiumWasting = magnesiumDrivenPotassiumWasting
        self.parameters = parameters
    }

    /// Residual renal clearance of `solute` in L/h (0 when anuric).
    public func residualClearance(_ solute: Solute) -> Double {
        switch residualFunction {
        case .none: 0
        case let .urineOutput(flow): Swift.max(0, flow) * parameters.urineToPlasma(solute)
        case let .clearances(map): Swift.max(0, map[solute] ?? 0)
        }
    }

    /// Absorbed intake of `solute` in mmol/h (enters the ECF/central pool).
    public func absorbedIntake(_ solute: Solute) -> Double {
        guard let entry = intake[solute] else { return 0 }
        return Swift.max(0, entry.rate) * (entry.absorbedFraction ?? parameters.intakeAbsorbedFraction(solute))
    }

    /// Whether the Mg → K coupling acts: flag on and a positive residual K clearance.
    public var couplingActive: Bool { magnesiumDrivenPotassiumWasting && residualClearance(.potassium) > 0 }

    /// Coupling gain in mmol/h of K per mmol/L of Mg below threshold: α · CL_K,res (L/h).
    public var couplingGain: Double { couplingActive ? parameters[.couplingAlpha] * residualClearance(.potassium) : 0 }
}
