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

/// The steps of a timeline for given output times: everything about a run that does not depend on the
/// model parameters (event times, which piece and regime, input values, impulses, coupling instants).
/// Build it once and run many parameter sets through it (a fit does hundreds of runs).
public struct TimelineSchedule: Sendable {
    struct Step: Sendable {
        var start: Double
        var end: Double
        var piece: Int
        var runs: Bool
        /// (channel ordinal, value) held over the step: mmol/L for fluids, mmol/h otherwise.
        var inputs: [(Int, Double)]
        /// (channel ordinal, amount in mmol) at the step's start.
        var impulses: [(Int, Double)]
        var coupling: Bool
    }

    let steps: [Step]
    /// Index of the step whose start is each output time (steps.count for the timeline's end).
    let outputSteps: [Int]
    public let timeline: TherapyTimeline

    /// Steps between every event: piece, session, fluid and dose edges, outputs, every whole hour (so most
    /// steps share one propagator) and, when `couplingInterval` is given, the Mg → K coupling instants
    /// (multiples of it, anchored at 0 h as in the plan).
    public init(timeline: TherapyTimeline, outputs: [Double], couplingInterval: Double?) {
        self.timeline = timeline
        let snap = ModelTime.snap
        var events = Set(timeline.changeTimes.map(snap))
        for t in outputs where t >= timeline.start && t <= timeline.end { events.insert(snap(t)) }
        var hour = timeline.start.rounded(.up)
        while hour < timeline.end { events.insert(snap(hour)); hour += 1 }
        for therapy in timeline.pieces.compactMap(\.therapy) {
            for t in therapy.boundaries(in: timeline.start, timeline.end) { events.insert(snap(t)) }
        }
        var couplingTimes: Set<Double> = []
        if let interval = couplingInterval, interval > 0 {
            var k = (timeline.start / interval).rounded(.up)
            while k * interval <= timeline.end { couplingTimes.insert(snap(k * interval)); k += 1 }
            events.formUnion(couplingTimes)
        }
        let times = events.sorted()
        var steps: [Step] = []
        var piece = 0
        for (a, b) in zip(times, times.dropFirst()) {
            while piece + 1 < timeline.pieces.count, snap(timeline.pieces[piece + 1].start) <= a { piece += 1 }
            let runs = timeline.pieces[piece].therapy?.isRunning(at: a) ?? false
            var inputs: [(Int, Double)] = [], impulses: [(Int, Double)] = []
            if runs {
                for stream in FluidStream.allCases {
                    for solute in Solute.planned {
                        let c = timeline.fluids.concentration(stream, solute, at: a)
                        if c != 0, let k = InputChannel.fluid(stream, solute).ordinal { inputs.append((k, c)) }
                    }
                }
            }
            for dose in timeline.doses {
                let start = snap(dose.time), end = snap(dose.end)
                for (solute, amount) in dose.amounts.sorted(by: { $0.key < $1.key }) where Solute.planned.contains(solute) {
                    guard let k = dose.channel(solute).ordinal else { continue }
                    if dose.duration <= 0, start == a { impulses.append((k, amount)) }
                    else if dose.duration > 0, start <= a, end >= b { inputs.append((k, amount / dose.duration)) }
                }
            }
            steps.append(Step(start: a, end: b, piece: piece, runs: runs, inputs: inputs, impulses: impulses, coupling: couplingTimes.contains(a)))
        }
        self.steps = steps
        let index = Dictionary(steps.enumerated().map { ($0.element.start, $0.offset) }, uniquingKeysWith: { a, _ in a })
        outputSteps = outputs.map { index[snap($0)] ?? steps.count }
    }
}

/// Forward simulation of a ``TherapyTimeline`` with one patient's parameters, exact between the schedule's
/// events, with the Mg → K term sampled at the coupling instants and held in between.
///
/// It propagates the core state only (the accumulators never feed back), per solute: each solute's
/// (serum, pool, store, gut) block is independent of the others' (the Mg → K term and the scheduled K
/// shift are inputs), so the propagators are 4 × 4 per solute, regime, therapy and step length. Intake enters as a constant input into
/// the ECF/central pool, exactly as in ``RegimeSystem``; the regime's own constant (the intradialytic K shift) is added per block.
public struct TimelineSimulator: Sendable {
    public let patient: Patient
    public let timeline: TherapyTimeline
    /// Per distinct therapy: per regime (off, on): per solute block.
    let systems: [[[Block]]]
    let pieceSystem: [Int]
    /// Constant input (absorbed intake ÷ capacity) per piece, core length.
    let pieceConstant: [[Double]]

    /// One solute's 4 × 4 block: the system matrix and the channel columns restricted to its states.
    struct Block: Sendable {
        let indices: [Int]
        let a: Matrix
        let columns: [[Double]]
        /// The regime's own constant term on these states (the patient without intake: the intradialytic K
        /// shift of docs/model.md §5b while a session runs, else 0).
        let constant: [Double]
    }

    struct PropagatorKey: Hashable {
        let system: Int
        let on: Bool
        let solute: Int
        let ticks: Int64
    }

    /// `deliveredScale` multiplies every piece's delivered fraction (capped at 1): the fitted effective dose.
    public init(patient: Patient, timeline: TherapyTimeline, deliveredScale: Double = 1) {
        self.patient = patient
        self.timeline = timeline
        var bare = patient
        bare.intake = [:]
        var therapies: [Therapy?] = []
        var systems: [[[Block]]] = []
        var pieceSystem: [Int] = []
        var constants: [[Double]] = []
        var capacity = Array(repeating: 1.0, count: StateIndex.coreCount)
        for s in Solute.planned {
            let volume: ParameterName = s == .potassium ? .potassiumECFVolume : s == .phosphate ? .phosphateCentralVolume : .magnesiumECFVolume
            capacity[StateIndex.serum(s).rawValue] = patient.parameters[volume] * patient.weight
        }
        for piece in timeline.pieces {
            var therapy = piece.therapy
            if var t = therapy { t.deliveredFraction = Swift.min(1, t.deliveredFraction * deliveredScale); therapy = t }
            let index: Int
            if let found = therapies.firstIndex(where: { $0 == therapy }) { index = found } else {
                let model = KineticModel(patient: bare, therapy: therapy ?? Therapy(modality: .cvvh, bloodFlow: 1, sessions: []))
                systems.append(model.systems.map { system in
                    Solute.planned.map { solute in
                        let idx = (StateIndex.body(solute) + [StateIndex.gut(solute)]).map(\.rawValue)
                        var a = Matrix(rows: idx.count, columns: idx.count)
                        for (r, i) in idx.enumerated() { for (c, j) in idx.enumerated() { a[r, c] = system.a[i, j] } }
                        return Block(indices: idx, a: a, columns: system.columns.map { column in idx.map { column[$0] } },
                                     constant: idx.map { system.constant[$0] })
                    }
                })
                therapies.append(therapy)
                index = therapies.count - 1
            }
            pieceSystem.append(index)
            var withIntake = patient
            withIntake.intake = piece.intake
            var c = Array(repeating: 0.0, count: StateIndex.coreCount)
            for s in Solute.planned {
                let i = StateIndex.serum(s).rawValue
                c[i] = withIntake.absorbedIntake(s) / capacity[i]
            }
            constants.append(c)
        }
        self.systems = systems
        self.pieceSystem = pieceSystem
        pieceConstant = constants
    }

    /// The schedule this patient needs for `outputs` (coupling instants only when the coupling acts).
    public func schedule(outputs: [Double]) -> TimelineSchedule {
        TimelineSchedule(timeline: timeline, outputs: outputs,
                         couplingInterval: patient.couplingActive ? patient.parameters[.couplingInterval] : nil)
    }

    /// Core states at each of `outputs` (h, inside the timeline) and at the timeline's end, starting from
    /// the core state `initial` at the timeline's start. A lab at the time of a bolus sees the level before it.
    public func run(initial: [Double], outputs: [Double]) -> (states: [[Double]], final: [Double]) {
        run(initial: initial, schedule: schedule(outputs: outputs))
    }

    /// The same through a prepared schedule (built for the same timeline).
    public func run(initial: [Double], schedule: TimelineSchedule) -> (states: [[Double]], final: [Double]) {
        var propagators: [PropagatorKey: (phi: Matrix, gamma: Matrix)] = [:]
        var x = initial
        var recorded: [[Double]] = []
        recorded.reserveCapacity(schedule.steps.count + 1)
        var wasting = 0.0
        let gain = patient.couplingGain, threshold = patient.parameters[.couplingMagnesiumThreshold]
        let magnesium = StateIndex.magnesiumECF.rawValue, potassium = StateIndex.potassiumECF.rawValue
        let wastingChannel = InputChannel.potassiumWasting.ordinal ?? 0
        for step in schedule.steps {
            recorded.append(x)
            let systemIndex = pieceSystem[step.piece]
            let blocks = systems[systemIndex][step.runs ? Regime.on.rawValue : Regime.off.rawValue]
            if step.coupling { wasting = gain * Swift.max(0, threshold - x[magnesium]) }
            let ticks = ExponentialCache.ticks(step.end - step.start)
            let constant = pieceConstant[step.piece]
            for (b, block) in blocks.enumerated() {
                let idx = block.indices, n = idx.count
                for (k, amount) in step.impulses {
                    let column = block.columns[k]
                    for r in 0..<n { x[idx[r]] += column[r] * amount }
                }
                var v = idx.map { constant[$0] }
                for r in 0..<n { v[r] += block.constant[r] }
                for (k, value) in step.inputs {
                    let column = block.columns[k]
                    for r in 0..<n { v[r] += column[r] * value }
                }
                if wasting != 0, idx[0] == potassium {
                    let column = block.columns[wastingChannel]
                    for r in 0..<n { v[r] += column[r] * wasting }
                }
                let key = PropagatorKey(system: systemIndex, on: step.runs, solute: b, ticks: ticks)
                let p: (phi: Matrix, gamma: Matrix)
                if let cached = propagators[key] { p = cached } else {
                    p = MatrixExponential.expAndIntegral(block.a, duration: Double(ticks) / ExponentialCache.ticksPerHour)
                    propagators[key] = p
                }
                let last = idx.map { x[$0] }
                for r in 0..<n {
                    var value = 0.0
                    for c in 0..<n { value += p.phi[r, c] * last[c] + p.gamma[r, c] * v[c] }
                    x[idx[r]] = value
                }
            }
        }
        recorded.append(x)
        return (schedule.outputSteps.map { recorded[$0] }, x)
    }
}
