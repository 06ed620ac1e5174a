import KRTUnits

/// A stretch of time with piecewise-constant therapy, intake, fluids and doses — typically the history
/// before `0 h` — for simulation from an arbitrary start state. Times in h (negative for the past).
///
/// Unlike a ``Simulator`` run (one therapy, starting at 0 h from serum levels with pools at equilibrium),
/// a timeline changes prescription and intake between pieces, and starts from any core state.
public struct TherapyTimeline: Sendable {
    /// One stretch with a fixed prescription and intake.
    public struct Piece: Sendable {
        public var start: Double
        public var end: Double
        /// The prescription while the circuit runs; nil = circuit off (no segment, or a downtime).
        public var therapy: Therapy?
        /// Continuous intake in force.
        public var intake: [Solute: Patient.Intake]

        public init(start: Double, end: Double, therapy: Therapy?, intake: [Solute: Patient.Intake]) {
            self.start = start
            self.end = end
            self.therapy = therapy
            self.intake = intake
        }
    }

    public var start: Double
    public var end: Double
    /// Contiguous pieces covering [start, end], sorted.
    public var pieces: [Piece]
    /// Fluid compositions per stream (a segment with no concentrations ends a fluid).
    public var fluids: FluidSchedule
    /// Doses (absorbable amounts; bioavailability applied by the caller).
    public var doses: [Dose]

    public init(start: Double, end: Double, pieces: [Piece], fluids: FluidSchedule, doses: [Dose]) {
        self.start = start
        self.end = end
        self.pieces = pieces.sorted { $0.start < $1.start }
        self.fluids = fluids
        self.doses = doses
    }

    /// Every time at which an input changes (piece edges, fluid changes, dose edges), inside [start, end].
    public var changeTimes: [Double] {
        var times = Set([start, end])
        for p in pieces { times.insert(p.start); times.insert(p.end) }
        for t in fluids.changeTimes + doses.flatMap({ [$0.time, $0.end] }) { times.insert(t) }
        return times.filter { $0 >= start && $0 <= end }.sorted()
    }
}

/// Forward simulation of a ``TherapyTimeline`` with one patient's parameters: exact between events
/// (piece edges, session edges, fluid changes, dose edges, outputs, and every whole hour so most steps share
/// one propagator), with the Mg → K term sampled at multiples of the coupling interval (anchored at 0 h, as
/// in the plan) and held in between.
///
/// It propagates the core state only (the accumulators never feed back), with core propagators computed per
/// distinct therapy and step length; intake enters as a constant input into the ECF/central pool, exactly as
/// in ``RegimeSystem``. Fast enough to be called hundreds of times by a fit.
public struct TimelineSimulator: Sendable {
    public let patient: Patient
    public let timeline: TherapyTimeline
    /// Core systems (off, on) per distinct therapy; `pieceSystem[i]` indexes them.
    let systems: [[CoreSystem]]
    let therapies: [Therapy?]
    let pieceSystem: [Int]
    /// Constant input (absorbed intake ÷ capacity) per piece, core length.
    let pieceConstant: [[Double]]

    struct PropagatorKey: Hashable {
        let system: Int
        let on: Bool
        let ticks: Int64
    }

    struct CoreSystem: Sendable {
        let a: Matrix
        let columns: [[Double]]
    }

    /// `deliveredScale` multiplies every piece's delivered fraction (capped at 1): the fitted effective dose.
    public init(patient: Patient, timeline: TherapyTimeline, deliveredScale: Double = 1) {
        self.patient = patient
        self.timeline = timeline
        let n = StateIndex.coreCount
        var bare = patient
        bare.intake = [:]
        var therapies: [Therapy?] = []
        var systems: [[CoreSystem]] = []
        var pieceSystem: [Int] = []
        var constants: [[Double]] = []
        let capacity = KineticModel(patient: bare, therapy: Therapy(modality: .cvvh, bloodFlow: 1, sessions: [])).capacity
        for piece in timeline.pieces {
            var therapy = piece.therapy
            if var t = therapy { t.deliveredFraction = Swift.min(1, t.deliveredFraction * deliveredScale); therapy = t }
            let index: Int
            if let found = therapies.firstIndex(where: { $0 == therapy }) { index = found } else {
                let model = KineticModel(patient: bare, therapy: therapy ?? Therapy(modality: .cvvh, bloodFlow: 1, sessions: []))
                systems.append(model.systems.map { s in
                    CoreSystem(a: s.a.block(row: 0, column: 0, rows: n, columns: n), columns: s.columns.map { Array($0.prefix(n)) })
                })
                therapies.append(therapy)
                index = therapies.count - 1
            }
            pieceSystem.append(index)
            var withIntake = patient
            withIntake.intake = piece.intake
            var c = Array(repeating: 0.0, count: n)
            for s in Solute.planned {
                let i = StateIndex.serum(s).rawValue
                c[i] = withIntake.absorbedIntake(s) / capacity[i]
            }
            constants.append(c)
        }
        self.systems = systems
        self.therapies = therapies
        self.pieceSystem = pieceSystem
        pieceConstant = constants
    }

    /// Core states at each of `outputs` (h, inside the timeline) and at the timeline's end, starting from
    /// the core state `initial` at the timeline's start. A lab at the time of a bolus sees the level before it.
    public func run(initial: [Double], outputs: [Double]) -> (states: [[Double]], final: [Double]) {
        let snap = ModelTime.snap
        let n = StateIndex.coreCount
        var events = Set(timeline.changeTimes.map(snap))
        for t in outputs where t >= timeline.start && t <= timeline.end { events.insert(snap(t)) }
        var hour = timeline.start.rounded(.up)
        while hour < timeline.end { events.insert(snap(hour)); hour += 1 }
        for therapy in therapies.compactMap({ $0 }) {
            for t in therapy.boundaries(in: timeline.start, timeline.end) { events.insert(snap(t)) }
        }
        let interval = patient.parameters[.couplingInterval]
        var couplingTimes: Set<Double> = []
        if patient.couplingActive, interval > 0 {
            var k = (timeline.start / interval).rounded(.up)
            while k * interval <= timeline.end { couplingTimes.insert(snap(k * interval)); k += 1 }
            events.formUnion(couplingTimes)
        }
        let times = events.sorted()
        var propagators: [PropagatorKey: (phi: Matrix, gamma: Matrix)] = [:]
        var x = initial
        var recorded: [Double: [Double]] = [:]
        var wasting = 0.0
        let gain = patient.couplingGain, threshold = patient.parameters[.couplingMagnesiumThreshold]
        let magnesium = StateIndex.magnesiumECF.rawValue
        var pieceIndex = 0
        for (a, b) in zip(times, times.dropFirst()) {
            recorded[a] = x
            while pieceIndex + 1 < timeline.pieces.count, snap(timeline.pieces[pieceIndex + 1].start) <= a { pieceIndex += 1 }
            let systemIndex = pieceSystem[pieceIndex]
            let runs = therapies[systemIndex]?.isRunning(at: a) ?? false
            let system = systems[systemIndex][runs ? Regime.on.rawValue : Regime.off.rawValue]
            if couplingTimes.contains(a) { wasting = gain * Swift.max(0, threshold - x[magnesium]) }
            var v = pieceConstant[pieceIndex]
            func add(_ channel: InputChannel, _ value: Double) {
                guard let k = channel.ordinal else { return }
                let column = system.columns[k]
                for i in 0..<n { v[i] += column[i] * value }
            }
            if runs {
                for stream in FluidStream.allCases {
                    for solute in Solute.planned {
                        let c = timeline.fluids.concentration(stream, solute, at: a)
                        if c != 0 { add(.fluid(stream, solute), c) }
                    }
                }
            }
            for dose in timeline.doses {
                let start = snap(dose.time), end = snap(dose.end)
                for (solute, amount) in dose.amounts.sorted(by: { $0.key < $1.key }) where Solute.planned.contains(solute) {
                    guard let k = dose.channel(solute).ordinal else { continue }
                    if dose.duration <= 0, start == a {
                        for i in 0..<n { x[i] += system.columns[k][i] * amount }
                    } else if dose.duration > 0, start <= a, end >= b {
                        add(dose.channel(solute), amount / dose.duration)
                    }
                }
            }
            if wasting != 0 { add(.potassiumWasting, wasting) }
            let ticks = ExponentialCache.ticks(b - a)
            let key = PropagatorKey(system: systemIndex, on: runs, ticks: ticks)
            let step: (phi: Matrix, gamma: Matrix)
            if let cached = propagators[key] { step = cached } else {
                step = MatrixExponential.expAndIntegral(system.a, duration: Double(ticks) / ExponentialCache.ticksPerHour)
                propagators[key] = step
            }
            let next = step.phi * x, forced = step.gamma * v
            for i in 0..<n { x[i] = next[i] + forced[i] }
        }
        if let last = times.last { recorded[last] = x }
        let states = outputs.map { recorded[snap($0)] ?? x }
        return (states, x)
    }
}
