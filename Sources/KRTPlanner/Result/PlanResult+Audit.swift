import KRTUnits

/// Per-solute mass balance over the horizon (mmol; positive into the patient unless stated).
public struct MassBalanceSummary: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case solute
        case deliveredByFluids = "deliveredByFluids_mmol"
        case removedInEffluent = "removedInEffluent_mmol"
        case supplements = "supplements_mmol"
        case intake = "intake_mmol"
        case renalExcretion = "renalExcretion_mmol"
        case potassiumWasting = "potassiumWasting_mmol"
        case changeInBody = "changeInBody_mmol"
        case residual = "residual_mmol"
    }

    public var solute: Solute
    public var deliveredByFluids: Double
    public var removedInEffluent: Double
    public var supplements: Double
    public var intake: Double
    public var renalExcretion: Double
    public var potassiumWasting: Double
    public var changeInBody: Double
    /// |inputs − outputs − change| (mmol): closes to round-off.
    public var residual: Double

    public init(solute: Solute, deliveredByFluids: Double, removedInEffluent: Double, supplements: Double,
                intake: Double, renalExcretion: Double, potassiumWasting: Double, changeInBody: Double, residual: Double) {
        self.solute = solute
        self.deliveredByFluids = deliveredByFluids
        self.removedInEffluent = removedInEffluent
        self.supplements = supplements
        self.intake = intake
        self.renalExcretion = renalExcretion
        self.potassiumWasting = potassiumWasting
        self.changeInBody = changeInBody
        self.residual = residual
    }
}

/// The prescription in a line or two, for headers.
public struct TherapySummary: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case modality, flows, anticoagulation, sessions, runningFraction
        case effluentDosePrescribed = "effluentDosePrescribed_mL_per_kg_per_h"
        case effluentDoseDelivered = "effluentDoseDelivered_mL_per_kg_per_h"
    }

    public var modality: String
    /// e.g. "blood 150 mL/min, dialysate 1500 mL/h, post 500 mL/h, net UF 100 mL/h, citrate 1500 mL/h"
    public var flows: String
    /// Effluent dose (mL/kg/h), prescribed and delivered.
    public var effluentDosePrescribed: Double
    public var effluentDoseDelivered: Double
    public var anticoagulation: String
    public var sessions: String
    /// Share (0–1) of the horizon during which the circuit runs: 1 for continuous therapy. The effluent
    /// doses above are while running; times this share they are averaged over the horizon.
    public var runningFraction: Double

    public init(modality: String, flows: String, effluentDosePrescribed: Double, effluentDoseDelivered: Double,
                anticoagulation: String, sessions: String, runningFraction: Double = 1) {
        self.modality = modality
        self.flows = flows
        self.effluentDosePrescribed = effluentDosePrescribed
        self.effluentDoseDelivered = effluentDoseDelivered
        self.anticoagulation = anticoagulation
        self.sessions = sessions
        self.runningFraction = runningFraction
    }
}

/// What produced this result, for audit.
public struct Audit: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case inputSHA256, catalogSHA256, toolVersion, modelVersion, glpkVersion, solverStatus
        case solverResidual = "solverResidual_lp_units"
        case massBalanceResidual = "massBalanceResidual_mmol"
        case seed
    }

    /// SHA-256 of the case file as read (after any --set overrides, of the effective case text).
    public var inputSHA256: String
    /// SHA-256 of the loaded catalog (fluids, supplements, limits).
    public var catalogSHA256: String
    public var toolVersion: String
    public var modelVersion: String
    public var glpkVersion: String
    public var solverStatus: String
    /// Largest residual of the solver solution (recomputed) and of the mass balance (mmol).
    public var solverResidual: Double
    public var massBalanceResidual: Double
    /// Seed of the uncertainty draws (docs/uncertainty.md); nil when no draws were made.
    public var seed: UInt64? = nil

    public init(inputSHA256: String, catalogSHA256: String, toolVersion: String, modelVersion: String,
                glpkVersion: String, solverStatus: String, solverResidual: Double, massBalanceResidual: Double) {
        self.inputSHA256 = inputSHA256
        self.catalogSHA256 = catalogSHA256
        self.toolVersion = toolVersion
        self.modelVersion = modelVersion
        self.glpkVersion = glpkVersion
        self.solverStatus = solverStatus
        self.solverResidual = solverResidual
        self.massBalanceResidual = massBalanceResidual
    }
}
