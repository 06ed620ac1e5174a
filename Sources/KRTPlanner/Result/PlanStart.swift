import KRTUnits

/// Where a plan or simulation of a case with `history:` starts, and with which parameters (docs/fitting.md
/// §8 "Re-plan from now"). Every output shows it at the top; absent for a case without history.
///
/// Units: times in h (0 h = now, negative = before now), levels in mmol/L, parameters in the unit named
/// in ``MovedParameter/unit``.
public struct PlanStart: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case source, summary, converged, fitReason, labsUsed, parametersMoved, solutesAtPrior, levels
        case historyFrom = "historyFrom_h"
    }

    public enum Source: String, Sendable, Hashable, Codable {
        /// Individual (fitted) parameters and the state at 0 h the fit estimates.
        case individual
        /// Population parameters and the case's latest labs (`--population`): the history is not used.
        case population
    }

    public var source: Source
    /// One sentence for the header, e.g. "individual parameters fitted to 21 lab values from -72 h (converged); …".
    public var summary: String
    /// Whether the fit converged (`nil` with `--population`: no fit was run).
    public var converged: Bool?
    /// The fit's stop criterion or why it did not converge.
    public var fitReason: String?
    /// Lab values the fit used (`nil` with `--population`).
    public var labsUsed: Int?
    /// Start of the history (h, negative).
    public var historyFrom: Double
    /// Parameters the labs moved (informed, estimate ≥ 10 % from the population value), largest change first.
    public var parametersMoved: [MovedParameter]
    /// Solutes with fewer than 2 usable labs: their parameters stay at the population values and they start
    /// from the case's latest lab.
    public var solutesAtPrior: [Solute]
    /// Per solute: the level the plan starts from, beside the latest lab and the population estimate.
    public var levels: [StartLevel]

    public init(source: Source, summary: String, converged: Bool?, fitReason: String?, labsUsed: Int?, historyFrom: Double,
                parametersMoved: [MovedParameter], solutesAtPrior: [Solute], levels: [StartLevel]) {
        self.source = source
        self.summary = summary
        self.converged = converged
        self.fitReason = fitReason
        self.labsUsed = labsUsed
        self.historyFrom = historyFrom
        self.parametersMoved = parametersMoved
        self.solutesAtPrior = solutesAtPrior
        self.levels = levels
    }
}

/// A parameter whose individual estimate differs from the population value.
public struct MovedParameter: Sendable, Hashable, Codable {
    public var name: String
    /// The parameter's unit (`L/kg`, `L/h`, `1` for fractions and ratios, `mmol/L`).
    public var unit: String
    public var population: Double
    public var individual: Double
    /// 95 % interval of the individual estimate (same unit).
    public var lower95: Double
    public var upper95: Double

    public init(name: String, unit: String, population: Double, individual: Double, lower95: Double, upper95: Double) {
        self.name = name
        self.unit = unit
        self.population = population
        self.individual = individual
        self.lower95 = lower95
        self.upper95 = upper95
    }

    /// individual / population (1 = unchanged).
    public var ratio: Double { population != 0 ? individual / population : .infinity }

    /// ` L/kg` to write after a value; empty for a dimensionless parameter (unit `1`).
    public var unitSuffix: String { unit == "1" ? "" : " \(unit)" }
}

/// One solute's starting level.
public struct StartLevel: Sendable, Hashable, Codable {
    /// JSON keys: every quantity names its unit (docs/report.md, JSON).
    enum CodingKeys: String, CodingKey {
        case solute, estimated
        case serum = "serum_mmol_per_L"
        case pool = "pool_mmol_per_L"
        case latestLab = "latestLab_mmol_per_L"
        case latestLabAt = "latestLabAt_h"
        case population = "populationEstimate_mmol_per_L"
    }

    public var solute: Solute
    /// Serum level at 0 h the plan starts from.
    public var serum: Double
    /// Slow-pool level at 0 h (serum-equivalent concentration; = serum at equilibrium).
    public var pool: Double
    /// True when serum and pool are the fit's estimate; false when they are the latest lab (pools at equilibrium).
    public var estimated: Bool
    /// The case's latest usable lab of this solute and its time.
    public var latestLab: Double
    public var latestLabAt: Double
    /// Serum at 0 h predicted through the history with population parameters (`nil` with `--population`).
    public var population: Double?

    public init(solute: Solute, serum: Double, pool: Double, estimated: Bool, latestLab: Double, latestLabAt: Double, population: Double?) {
        self.solute = solute
        self.serum = serum
        self.pool = pool
        self.estimated = estimated
        self.latestLab = latestLab
        self.latestLabAt = latestLabAt
        self.population = population
    }
}
