import KRTCatalog
import KRTEstimation
import KRTKinetics
import KRTUnits

/// Where the uncertainty of a prediction comes from: a multivariate normal distribution of η, the
/// parameters' deviations in their transformed space (log or logit, docs/fitting.md §2), mapped to
/// natural units by each parameter's transform (docs/uncertainty.md "Where the uncertainty comes from").
///
/// * **Population prior** (``prior(patient:therapy:cvScale:)``): η ~ N(0, diag(ω²)) with the medians and
///   CVs of docs/model.md §11 (``FitPrior``): what is known about an ICU patient before any of their labs.
/// * **Posterior of a per-patient fit** (``posterior(_:)``): η ~ N(η̂, C) with the MAP estimate η̂ and the
///   Laplace covariance C of ``PatientFitResult/estimation``.
///
/// Each draw is clamped to the parameter's hard bounds (median/100 to 100·median; 10⁻⁴ to 1 − 10⁻⁴).
public struct ParameterDistribution: Sendable {
    public enum Source: String, Sendable, Hashable, Codable {
        case populationPrior = "population prior"
        case posterior = "posterior of the per-patient fit"
    }

    public var source: Source
    public var targets: [FitTarget]
    public var parameters: [EstimatedParameter]
    /// Mean of η (0 for the prior, η̂ for the posterior).
    public var mean: [Double]
    /// Lower-triangular L with L·Lᵀ = the covariance of η (rows).
    public var factor: [[Double]]
    /// The delivered fraction a drawn `delivered_fraction` is divided by to give the delivered scale
    /// (``TimelineSimulator``): the prior median (prior; so the centre reproduces the case exactly) or the
    /// case's stated fraction (posterior, as in the fit).
    public var deliveredReference: Double
    /// Plain-words caveats (e.g. no Laplace covariance: prior variances used).
    public var notes: [String]

    /// The population prior of every parameter the model would fit for this patient and therapy (all
    /// solutes; initial levels are the case's measured labs and are not varied). `cvScale` multiplies
    /// every CV (0: zero variance, every draw is the nominal patient; for tests and sensitivity).
    public static func prior(patient: Patient, therapy: Therapy, cvScale: Double = 1) -> ParameterDistribution {
        var targets = Solute.planned.flatMap { FitTarget.parameterTargets(of: $0, patient: patient) }
        targets.append(.deliveredFraction)
        let parameters = targets.map { target in
            let prior = FitPrior.of(target)
            let median: Double = switch target {
            case let .model(name): patient.parameters[name]
            case .deliveredFraction: Swift.min(0.98, therapy.deliveredFraction)
            case .initialSerum: 1
            }
            return EstimatedParameter(name: target.name, unit: PatientFitProblem.unit(target), median: median,
                                      cv: prior.cv * cvScale, transform: prior.transform)
        }
        let factor = parameters.indices.map { i in
            parameters.indices.map { j in i == j ? (parameters[i].omega ?? 0) : 0 }
        }
        return ParameterDistribution(source: .populationPrior, targets: targets, parameters: parameters,
                                     mean: Array(repeating: 0, count: parameters.count), factor: factor,
                                     deliveredReference: Swift.min(0.98, therapy.deliveredFraction), notes: [])
    }

    /// The posterior of a per-patient fit (Laplace: mean η̂, covariance C). Without a covariance (JᵀJ
    /// not positive definite) the prior variances are used around η̂, and a note says so.
    public static func posterior(_ fit: PatientFitResult, referenceDeliveredFraction: Double) -> ParameterDistribution {
        let parameters = zip(fit.estimation.parameters, fit.priors).map { estimate, prior in
            EstimatedParameter(name: estimate.name, unit: estimate.unit, median: estimate.population, cv: prior.cv, transform: prior.transform)
        }
        var notes: [String] = []
        let factor: [[Double]]
        if let covariance = fit.estimation.covariance {
            factor = DenseAlgebra.cholesky(covariance, semidefinite: true) ?? covariance.map { $0.map { _ in 0 } }
        } else {
            notes.append("the fit has no Laplace covariance; the prior variances are used around the estimate")
            factor = parameters.indices.map { i in parameters.indices.map { j in i == j ? (parameters[i].omega ?? 0) : 0 } }
        }
        if !fit.converged { notes.append("the fit did not converge (\(fit.estimation.reason)); the band is centred on an unconverged estimate") }
        return ParameterDistribution(source: .posterior, targets: fit.targets, parameters: parameters, mean: fit.estimation.eta,
                                     factor: factor, deliveredReference: referenceDeliveredFraction, notes: notes)
    }

    /// θ (natural units, in ``parameters`` order) of draw `draw` for `seed`. η exactly at the centre
    /// gives the centre value exactly (so zero variance reproduces the nominal run bit for bit).
    public func theta(draw: Int, seed: UInt64) -> [Double] {
        var normals = SeededNormals(seed: seed, draw: UInt64(draw))
        let z = parameters.map { _ in normals.nextNormal() }
        return parameters.indices.map { i in
            var eta = mean[i]
            for j in 0...i where factor[i][j] != 0 { eta += factor[i][j] * z[j] }
            if !eta.isFinite { eta = mean[i] }  // a non-finite covariance entry: no spread rather than NaN
            let bounds = parameters[i].etaBounds
            eta = Swift.min(Swift.max(eta, bounds.lowerBound), bounds.upperBound)
            return eta == 0 ? parameters[i].median : parameters[i].value(eta: eta)
        }
    }

    /// The centre θ (η = mean): the prior medians or the MAP estimate.
    public var centre: [Double] {
        parameters.indices.map { mean[$0] == 0 ? parameters[$0].median : parameters[$0].value(eta: mean[$0]) }
    }

    /// `patient` with the drawn model parameters, and the delivered scale (1 when not drawn): the drawn
    /// fraction over `reference` (default ``deliveredReference``; the forward run of a fitted start passes
    /// the fraction its therapy already carries, so the MAP draw gives scale 1).
    public func apply(_ theta: [Double], to patient: Patient, deliveredReference reference: Double? = nil) -> (patient: Patient, deliveredScale: Double) {
        let deliveredReference = reference ?? self.deliveredReference
        var patient = patient
        var scale = 1.0
        for (target, value) in zip(targets, theta) {
            switch target {
            case let .model(name): patient.parameters = patient.parameters.with(name, value)
            case .deliveredFraction: scale = value / Swift.max(1e-9, deliveredReference)
            case .initialSerum: break
            }
        }
        return (patient, scale)
    }
}

extension FitTarget {
    /// The model parameters fitted (and drawn) for `solute` (docs/fitting.md §1): volumes and exchange, the
    /// absorbed intake fraction when enteral intake is given without one, the urine-to-plasma ratio when
    /// urine output is recorded, and for K the Mg → K wasting gain when that coupling is on.
    public static func parameterTargets(of solute: Solute, patient: Patient) -> [FitTarget] {
        var targets: [FitTarget] = switch solute {
        case .potassium: [.model(.potassiumECFVolume), .model(.potassiumPoolVolume), .model(.potassiumExchangeClearance)]
        case .phosphate: [.model(.phosphateCentralVolume), .model(.phosphatePoolVolume), .model(.phosphateMobilisationClearance)]
        default: [.model(.magnesiumPoolVolume)]
        }
        if let intake = patient.intake[solute], intake.rate > 0, intake.absorbedFraction == nil {
            targets.append(.model(PatientFitProblem.intakeParameter(solute)))
        }
        if case .urineOutput = patient.residualFunction { targets.append(.model(PatientFitProblem.urineParameter(solute))) }
        if solute == .potassium, patient.couplingActive { targets.append(.model(.couplingAlpha)) }
        return targets
    }
}
