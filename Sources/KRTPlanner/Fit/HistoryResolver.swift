import KRTCatalog
import KRTInput
import KRTKinetics
import KRTUnits

/// A case's history with product and drug names looked up in the catalog: the piecewise-constant
/// inputs of the model from `history.from` to 0 h.
public struct ResolvedHistory: Sendable {
    public var history: CaseHistory
    public var timeline: TherapyTimeline
    public var warnings: [InputIssue]
}

extension CaseResolver {
    /// Resolves `file.history` (fluids by role, citrate solutions, doses as in `orders`) into a
    /// ``TherapyTimeline``; nil with issues when a name is unknown or a product is not allowed there.
    mutating func resolveHistory(_ history: CaseHistory) -> TherapyTimeline? {
        var segments: [FluidSchedule.Segment] = []
        var schedule: [FluidStream: [FluidSchedule.Segment]] = [:]
        for fluid in history.fluids {
            guard let found = product(fluid.product, for: fluid.stream) else { continue }
            let c = Dictionary(uniqueKeysWithValues: Solute.planned.map { ($0, found.concentration(of: $0)) })
            schedule[fluid.stream, default: []].append(.init(start: fluid.from, concentrations: c))
            // The fluid ends at `to` unless the next one on the stream starts then.
            schedule[fluid.stream, default: []].append(.init(start: fluid.to, concentrations: [:]))
        }
        // Citrate solution per segment (it runs only while that segment's circuit runs).
        for segment in history.segments {
            guard segment.therapy.usesCitrate else { continue }
            guard let reference = segment.citrateSolution else {
                addError(segment.path.appending("therapy").appending("anticoagulation"), nil, "citrate anticoagulation needs its solution's name")
                continue
            }
            guard let found = product(reference, for: .citrate) else { continue }
            let c = Dictionary(uniqueKeysWithValues: Solute.planned.map { ($0, found.concentration(of: $0)) })
            segments.append(.init(start: segment.from, concentrations: c))
            segments.append(.init(start: segment.to, concentrations: [:]))
        }
        if !segments.isEmpty { schedule[.citrate] = segments }
        // A fluid ending where the next starts: keep the later start's composition (sorted, stable).
        for (stream, list) in schedule {
            var merged: [FluidSchedule.Segment] = []
            for item in list.sorted(by: { $0.start < $1.start }) {
                if let last = merged.last, last.start == item.start {
                    if !item.concentrations.isEmpty { merged[merged.count - 1] = item }
                } else {
                    merged.append(item)
                }
            }
            schedule[stream] = merged
        }
        // Doses: the same resolution as `orders` (units, default durations, limits), clipped at 0 h.
        var doseFile = file
        doseFile.orders = history.doses
        doseFile.horizon = .greatestFiniteMagnitude
        var doseResolver = CaseResolver(file: doseFile, catalog: catalog, mode: .simulate)
        let orders = doseResolver.resolveOrders(drugs: ResolvedDrugs())
        issues += doseResolver.issues
        let doses = orders.map { order -> Dose in
            var dose = order.dose
            if dose.duration > 0, dose.end > 0 {
                let kept = -dose.time
                dose.amounts = dose.amounts.mapValues { $0 * kept / dose.duration }
                dose.duration = kept
            }
            return dose
        }
        guard !issues.contains(where: { $0.severity == .error }) else { return nil }
        return TherapyTimeline(start: history.from, end: 0, pieces: Self.pieces(history, baseIntake: file.patient.intake),
                               fluids: FluidSchedule(segments: schedule), doses: doses)
    }

    /// Contiguous pieces from `history.from` to 0 h, split at segment, downtime and intake edges.
    static func pieces(_ history: CaseHistory, baseIntake: [Solute: Patient.Intake]) -> [TherapyTimeline.Piece] {
        var edges = Set([history.from, 0.0])
        for s in history.segments { edges.insert(s.from); edges.insert(s.to) }
        for d in history.downtimes { edges.insert(d.from); edges.insert(d.to) }
        for i in history.intakeChanges { edges.insert(i.from) }
        let times = edges.filter { $0 >= history.from && $0 <= 0 }.sorted()
        return zip(times, times.dropFirst()).map { a, b in
            let intake = history.intakeChanges.last(where: { $0.from <= a })?.intake ?? baseIntake
            let therapy = history.circuitRuns(at: a) ? history.segment(at: a)?.therapy : nil
            return TherapyTimeline.Piece(start: a, end: b, therapy: therapy, intake: intake)
        }
    }
}

extension ResolvedHistory {
    /// The case's history resolved against the catalog. Throws (exit 65) when the case has no history or
    /// a name in it cannot be used.
    public static func resolve(_ file: CaseFile, catalog: Catalog) throws(InputError) -> ResolvedHistory {
        guard let history = file.history else {
            throw InputError(.data, source: file.source, path: FieldPath("history"), value: nil,
                             message: "missing; a fit needs what happened before 0 h (history: from, segments, fluids, doses; docs/case-format.md \"History\")")
        }
        var resolver = CaseResolver(file: file, catalog: catalog, mode: .simulate)
        let timeline = resolver.resolveHistory(history)
        let issues = file.warnings + resolver.issues
        guard let timeline, !issues.contains(where: { $0.severity == .error }) else {
            throw InputError(.data, source: file.source, issues: issues)
        }
        return ResolvedHistory(history: history, timeline: timeline, warnings: issues.warnings)
    }
}
