import KRTUnits

/// A fluid stream entering the extracorporeal circuit (or the patient, for post-dilution).
public enum FluidStream: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Dialysate, countercurrent on the effluent side of the membrane.
    case dialysate
    /// Replacement fluid infused before the filter.
    case preReplacement
    /// Replacement fluid infused after the filter.
    case postReplacement
    /// Citrate anticoagulant solution infused before the filter (counts as pre-dilution).
    case citrate

    public static func < (lhs: FluidStream, rhs: FluidStream) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The kidney replacement therapy prescription. Flows in L/h, times in h from the start of the horizon.
public struct Therapy: Sendable, Hashable {
    public enum Modality: String, Sendable, Hashable, CaseIterable {
        /// Continuous veno-venous haemofiltration (pre-, post- or mixed dilution, from the flows).
        case cvvh
        /// Continuous veno-venous haemodialysis.
        case cvvhd
        /// Continuous veno-venous haemodiafiltration.
        case cvvhdf
        /// Prolonged intermittent KRT (SLED/PIRRT): sessions, dialyser KoA, optional replacement.
        case pirrt
    }

    public enum Anticoagulation: Sendable, Hashable {
        case none
        case heparin
        /// Regional citrate: the citrate solution runs at `flow` (L/h), infused pre-filter; its K/P/Mg
        /// composition is given by the fluid schedule's `.citrate` stream (usually 0).
        case citrate(flow: Double)
    }

    /// One treatment period. Outside all sessions the circuit is off (no clearance, no fluids).
    public struct Session: Sendable, Hashable {
        /// Start in h from the horizon start.
        public var start: Double
        /// Duration in h (> 0).
        public var duration: Double
        public var end: Double { start + duration }

        public init(start: Double, duration: Double) {
            self.start = start
            self.duration = duration
        }
    }

    public var modality: Modality
    /// Blood flow in L/h (150 mL/min = 9 L/h).
    public var bloodFlow: Double
    /// Dialysate flow in L/h (0 for CVVH).
    public var dialysateFlow: Double
    /// Pre-filter replacement flow in L/h.
    public var preReplacementFlow: Double
    /// Post-filter replacement flow in L/h.
    public var postReplacementFlow: Double
    /// Net ultrafiltration (fluid removed from the patient) in L/h; ≥ 0.
    public var netUltrafiltration: Double
    public var anticoagulation: Anticoagulation
    /// Delivered / prescribed fraction (0–1]: time-averaged downtime and filter fouling. Scales every
    /// extracorporeal flux (clearance and fluid delivery alike).
    public var deliveredFraction: Double
    /// Dialyser mass-transfer-area coefficient KoA in L/h for K, P and Mg; when set, diffusion uses the
    /// Michaels countercurrent formula (SLED flows); when `nil`, dialysate saturation (CRRT flows).
    public var dialyzerKoA: Double?
    /// Per-solute KoA of this dialyser in L/h (a membrane property, e.g. from its data sheet): replaces
    /// `dialyzerKoA × koaRatio` for that solute. Empty by default.
    public var soluteKoA: [Solute: Double] = [:]
    /// Treatment sessions; `nil` means continuous over the whole horizon.
    public var sessions: [Session]?

    public init(modality: Modality, bloodFlow: Double, dialysateFlow: Double = 0, preReplacementFlow: Double = 0,
                postReplacementFlow: Double = 0, netUltrafiltration: Double = 0, anticoagulation: Anticoagulation = .none,
                deliveredFraction: Double = 1, dialyzerKoA: Double? = nil, sessions: [Session]? = nil) {
        self.modality = modality
        self.bloodFlow = bloodFlow
        self.dialysateFlow = dialysateFlow
        self.preReplacementFlow = preReplacementFlow
        self.postReplacementFlow = postReplacementFlow
        self.netUltrafiltration = netUltrafiltration
        self.anticoagulation = anticoagulation
        self.deliveredFraction = deliveredFraction
        self.dialyzerKoA = dialyzerKoA
        self.sessions = sessions
    }

    /// Citrate solution flow in L/h (0 without citrate anticoagulation).
    public var citrateFlow: Double {
        if case let .citrate(flow) = anticoagulation { return flow }
        return 0
    }

    public var usesCitrate: Bool { citrateFlow > 0 }

    /// Prescribed flow of a stream in L/h.
    public func flow(of stream: FluidStream) -> Double {
        switch stream {
        case .dialysate: dialysateFlow
        case .preReplacement: preReplacementFlow
        case .postReplacement: postReplacementFlow
        case .citrate: citrateFlow
        }
    }

    /// Whether the circuit runs at time `t` (h).
    public func isRunning(at t: Double) -> Bool {
        guard let sessions else { return true }
        return sessions.contains { t >= $0.start && t < $0.end }
    }

    /// Session boundaries strictly inside `(t0, t1)`, sorted (empty for continuous therapy).
    public func boundaries(in t0: Double, _ t1: Double) -> [Double] {
        guard let sessions else { return [] }
        return Array(Set(sessions.flatMap { [$0.start, $0.end] }.filter { $0 > t0 && $0 < t1 })).sorted()
    }
}
