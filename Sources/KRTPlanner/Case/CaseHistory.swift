import KRTInput
import KRTKinetics
import KRTUnits

/// What happened before `0 h` (now), as written in a case's optional `history:` block and checked for
/// contradictions (docs/case-format.md "History"). Times in h (negative: the past); product and drug
/// names are not yet looked up in the catalog. The labs stay in the case's top-level `labs:` list.
public struct CaseHistory: Sendable {
    /// A stretch of therapy with its own prescription; the circuit runs from `from` to `to` except in
    /// downtimes. Outside every segment the circuit is off.
    public struct Segment: Sendable {
        public var from: Double
        public var to: Double
        public var therapy: Therapy
        public var citrateSolution: NameReference?
        public var path: FieldPath
    }

    /// Why the circuit stopped.
    public enum DowntimeReason: String, Sendable, Hashable, CaseIterable {
        case clotting, circuitChange = "circuit_change", transport, imaging, other
    }

    /// An interval with the circuit stopped inside a segment (no clearance, no fluids delivered).
    public struct Downtime: Sendable {
        public var from: Double
        public var to: Double
        public var reason: DowntimeReason
        public var path: FieldPath
    }

    /// A fluid actually hung on a stream (it acts only while the circuit runs).
    public struct Fluid: Sendable {
        public var stream: FluidStream
        public var product: NameReference
        public var from: Double
        public var to: Double
        public var path: FieldPath
    }

    /// Continuous intake from `from` until the next change (before the first change: the patient's
    /// `intake` as written under `patient:`).
    public struct IntakeChange: Sendable {
        public var from: Double
        public var intake: [Solute: Patient.Intake]
        public var path: FieldPath
    }

    /// First history time (h, < 0, at most 14 days back).
    public var from: Double
    public var segments: [Segment]
    public var downtimes: [Downtime]
    public var fluids: [Fluid]
    /// Supplement doses actually given (times < 0), same fields as `orders`.
    public var doses: [OrderSpec]
    public var intakeChanges: [IntakeChange]

    /// Whether the circuit ran at time t (inside a segment, outside every downtime).
    public func circuitRuns(at t: Double) -> Bool {
        segments.contains { t >= $0.from && t < $0.to } && !downtimes.contains { t >= $0.from && t < $0.to }
    }

    /// The segment in force at t, if any.
    public func segment(at t: Double) -> Segment? { segments.first { t >= $0.from && t < $0.to } }
}
