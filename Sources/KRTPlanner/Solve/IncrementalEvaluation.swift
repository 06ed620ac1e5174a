/// The local search's view of one schedule: its evaluation and the pass record behind it. A candidate
/// schedule is evaluated by re-running only the blocks its changed doses touch (their effects and
/// gates), from the first changed dose time, plus the blocks that read a coupling loss that changed;
/// every other block and every earlier point is taken from the record. The result is bit-identical to
/// ``DoseEvaluator/evaluate(units:)`` (IncrementalEvaluationTests).
///
/// Not thread-safe: each descent owns one.
struct IncrementalEvaluation {
    let evaluator: DoseEvaluator
    /// The schedule the record holds, and its evaluation.
    private(set) var units: [Int]
    private(set) var evaluation: DoseEvaluator.Evaluation
    /// The pass of ``units`` (read by ``ResponseScreen``; written only by ``commit()``).
    let current: PassRecord
    /// Where candidates are written (only the re-run blocks, from their first changed point).
    private let scratch: PassRecord
    /// The last candidate: its schedule, evaluation and first re-run point per block (Int.max: not re-run).
    private var candidate: (units: [Int], evaluation: DoseEvaluator.Evaluation, from: [Int])?

    init(_ evaluator: DoseEvaluator, units: [Int]) {
        self.evaluator = evaluator
        self.units = units
        current = PassRecord(evaluator)
        scratch = PassRecord(evaluator)
        evaluator.run(units, into: current)
        let record = current
        evaluation = evaluator.assemble(units, block: { _ in record }, gate: { _ in record }, coupling: record)
    }

    /// The evaluation of `candidate` (same length as ``units``); ``commit()`` makes it the current one.
    mutating func evaluate(_ candidate: [Int]) -> DoseEvaluator.Evaluation {
        let e = evaluator, current = current, scratch = scratch
        var from = [Int](repeating: .max, count: e.blocks.count)
        for dose in candidate.indices where candidate[dose] != units[dose] {
            for b in e.doseBlocks[dose] { from[b] = min(from[b], e.doseStartPoint[dose]) }
        }
        var losses = current.losses
        if let source = e.couplingSource, from[source] < .max {
            scratch.copyCoupling(of: current)
            e.runBlock(source, from: from[source], units: candidate, source: current, target: scratch, losses: scratch.losses)
            losses = scratch.losses
            // The first loss that changed re-runs the blocks that read losses from its instant.
            if let changed = e.couplingPoints.indices.first(where: { scratch.losses[$0] != current.losses[$0] }) {
                for b in e.blocks.indices where e.blocks[b].readsLosses {
                    from[b] = min(from[b], e.couplingPoints[changed].point)
                }
            }
        }
        for b in e.blockOrder where b != e.couplingSource && from[b] < .max {
            e.runBlock(b, from: from[b], units: candidate, source: current, target: scratch, losses: losses)
        }
        let coupling = e.couplingSource.map { from[$0] < .max } == true ? scratch : current
        let evaluation = e.assemble(
            candidate, block: { from[$0] < .max ? scratch : current },
            gate: { g in from[e.gateBlock[g]] <= e.gates[g].point ? scratch : current }, coupling: coupling)
        self.candidate = (candidate, evaluation, from)
        return evaluation
    }

    /// Makes the last evaluated candidate the current schedule (copies its re-run blocks into the record).
    mutating func commit() {
        guard let candidate else { return }
        for b in evaluator.blocks.indices where candidate.from[b] < .max {
            current.copy(block: b, from: candidate.from[b], of: scratch, evaluator: evaluator)
        }
        if let source = evaluator.couplingSource, candidate.from[source] < .max { current.copyCoupling(of: scratch) }
        units = candidate.units
        evaluation = candidate.evaluation
        self.candidate = nil
    }
}
