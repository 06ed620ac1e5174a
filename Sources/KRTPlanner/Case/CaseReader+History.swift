import KRTInput
import KRTKinetics
import KRTUnits

extension CaseReader {
    static let historyKeys = ["from", "segments", "downtime", "fluids", "doses", "intake"]
    /// Longest history accepted (h): 14 days.
    public static let maxHistory = 14.0 * 24

    /// The optional `history:` block (docs/case-format.md "History"); nil when absent or wrong (then
    /// the issues are logged). `labs` are the case's draws, checked against the history's start.
    static func readHistory(_ field: Field, patient: Patient?, labs: [LabResult]?, labsField: Field) -> CaseHistory? {
        guard field.isPresent else { return nil }
        guard field.expectMapping(allowedKeys: historyKeys, expected: "what happened before 0 h: from, segments, downtime, fluids, doses, intake") else { return nil }
        guard let from = field["from"].canonical(.time) else { return nil }
        if from < -maxHistory {
            field["from"].error("history from \(field["from"].text) is longer than 14 days; expected a start from -336 h to before 0 h")
            return nil
        }
        if from >= 0 { field["from"].error("history from \(field["from"].text) is not in the past; expected a time before 0 h"); return nil }
        let segments = readSegments(field["segments"], from: from, patient: patient)
        let downtimes = readDowntimes(field["downtime"], from: from)
        var history = CaseHistory(from: from, segments: segments ?? [], downtimes: downtimes ?? [], fluids: [], doses: [], intakeChanges: [])
        for downtime in history.downtimes where history.segment(at: downtime.from) == nil {
            field.descendant(at: downtime.path).warning("the circuit is already off then (no therapy segment); this downtime changes nothing")
        }
        let fluids = readHistoryFluids(field["fluids"], history: history)
        history.fluids = fluids ?? []
        if segments != nil, fluids != nil { checkFluidCoverage(field, history: history) }
        history.doses = readHistoryDoses(field["doses"], from: from)
        history.intakeChanges = readIntakeChanges(field["intake"], from: from) ?? []
        for lab in labs ?? [] where lab.at < from {
            labsField.descendant(at: lab.path)["at"].error(
                "lab at \(Quantity.format(lab.at)) h is before the history's start (\(Quantity.format(from)) h); expected labs within the history, or an earlier history.from")
        }
        return history
    }

    /// A time within the history: `from` ≤ t ≤ 0 h.
    static func readPastTime(_ field: Field, from: Double, required: Bool = true) -> Double? {
        guard let t = field.canonical(.time, required: required) else { return nil }
        guard t >= from, t <= 0 else {
            field.error("\(field.text) is outside the history; expected a time from \(Quantity.format(from)) h to 0 h")
            return nil
        }
        return t
    }

    /// An interval `{from, to}` in the history; `to` defaults to `defaultTo`.
    static func readPastInterval(_ entry: Field, from: Double, defaultFrom: Double? = nil, defaultTo: Double?) -> (Double, Double)? {
        let start = entry["from"].isPresent || defaultFrom == nil ? readPastTime(entry["from"], from: from) : defaultFrom
        let end = entry["to"].isPresent || defaultTo == nil ? readPastTime(entry["to"], from: from) : defaultTo
        guard let start, let end else { return nil }
        guard end > start else {
            entry["to"].error("\(entry["to"].isPresent ? entry["to"].text : Quantity.format(end) + " h") is not after from (\(Quantity.format(start)) h); expected an end after the start")
            return nil
        }
        return (start, end)
    }

    static func readSegments(_ field: Field, from: Double, patient: Patient?) -> [CaseHistory.Segment]? {
        guard field.isPresent else { return [] }
        guard let items = field.list(expected: "a list of therapy segments such as {from: -72 h, therapy: {modality: CVVHDF, …}}") else { return nil }
        var read: [(from: Double, to: Double?, therapy: Therapy, citrate: NameReference?, field: Field)] = []
        var ok = true
        for item in items {
            guard item.expectMapping(allowedKeys: ["from", "to", "therapy"]) else { ok = false; continue }
            let start = readPastTime(item["from"], from: from)
            let end = item["to"].isPresent ? readPastTime(item["to"], from: from) : nil
            if item["therapy"]["sessions"].isPresent {
                item["therapy"]["sessions"].error("sessions are not used in a history segment; write each session as its own segment with from and to")
                ok = false
                continue
            }
            // A segment is one stretch of running circuit: a PIRRT/SLED segment is one session, so the
            // therapy reader's "needs sessions" rule (and its continuous-dose range) does not apply; every
            // other issue is kept.
            let scratch = IssueLog()
            let segmentTherapy = readTherapy(Field(node: item["therapy"].node, path: item["therapy"].path, log: scratch), patient: patient, horizon: nil)
            let intermittent = ["sled", "pirrt"].contains(item["therapy"]["modality"].node.map { _ in item["therapy"]["modality"].text.lowercased() } ?? "")
            for issue in scratch.issues where !(issue.path == item["therapy"].path.appending("sessions") && issue.message.contains("needs a list of sessions"))
                && !(intermittent && issue.path == item["therapy"].path.appending("effluent_dose")) {
                field.log.record(issue)
            }
            guard let start, let therapy = segmentTherapy else { ok = false; continue }
            if item["to"].isPresent, end == nil { ok = false; continue }
            read.append((start, end, therapy.therapy, therapy.citrateSolution, item))
        }
        guard ok else { return nil }
        read.sort { $0.from < $1.from }
        var segments: [CaseHistory.Segment] = []
        for (i, entry) in read.enumerated() {
            let next = i + 1 < read.count ? read[i + 1].from : 0
            let end = entry.to ?? next
            guard end > entry.from else {
                entry.field["to"].error("segment ends at \(Quantity.format(end)) h, not after its start \(Quantity.format(entry.from)) h; expected an end after the start")
                ok = false
                continue
            }
            if end > next + 1e-9 {
                read[i + 1].field["from"].error(
                    "segment from \(Quantity.format(next)) h overlaps the segment from \(Quantity.format(entry.from)) h to \(Quantity.format(end)) h (\(entry.field.path)); expected segments that do not overlap")
                ok = false
            }
            segments.append(CaseHistory.Segment(from: entry.from, to: end, therapy: entry.therapy, citrateSolution: entry.citrate, path: entry.field.path))
        }
        return ok ? segments : nil
    }

    static func readDowntimes(_ field: Field, from: Double) -> [CaseHistory.Downtime]? {
        guard field.isPresent else { return [] }
        guard let items = field.list(expected: "a list such as {from: -30 h, to: -28 h, reason: clotting}") else { return nil }
        var downtimes: [CaseHistory.Downtime] = []
        for item in items {
            guard item.expectMapping(allowedKeys: ["from", "to", "reason"]) else { continue }
            let interval = readPastInterval(item, from: from, defaultTo: nil)
            let reason = item["reason"].choice(CaseHistory.DowntimeReason.self)
            guard let interval, let reason else { continue }
            downtimes.append(CaseHistory.Downtime(from: interval.0, to: interval.1, reason: reason, path: item.path))
        }
        guard downtimes.count == items.count else { return nil }
        downtimes.sort { $0.from < $1.from }
        for (a, b) in zip(downtimes, downtimes.dropFirst()) where b.from < a.to {
            field.descendant(at: b.path)["from"].error(
                "downtime from \(Quantity.format(b.from)) h overlaps the downtime \(Quantity.format(a.from)) h to \(Quantity.format(a.to)) h; expected one entry per stop")
            return nil
        }
        return downtimes
    }

    static func readHistoryFluids(_ field: Field, history: CaseHistory) -> [CaseHistory.Fluid]? {
        guard field.isPresent else { return [] }
        guard let items = field.list(expected: "a list such as {stream: dialysate, product: Prismasol 4, from: -72 h, to: -24 h}") else { return nil }
        enum StreamKey: String, CaseIterable { case dialysate, pre_replacement, post_replacement }
        var fluids: [CaseHistory.Fluid] = []
        for item in items {
            guard item.expectMapping(allowedKeys: ["stream", "product", "from", "to"]) else { continue }
            let key = item["stream"].choice(StreamKey.self)
            let product = item["product"].string(expected: "a product name")
            let interval = readPastInterval(item, from: history.from, defaultFrom: history.from, defaultTo: 0)
            guard let key, let product, let interval,
                  let stream = streamKeys.first(where: { $0.key == key.rawValue })?.stream else { continue }
            let fluid = CaseHistory.Fluid(stream: stream, product: NameReference(product, path: item["product"].path),
                                          from: interval.0, to: interval.1, path: item.path)
            if runningIntervals(history).allSatisfy({ overlap($0, (fluid.from, fluid.to)) <= 0 }) {
                item.error("\(product) on \(key.rawValue) from \(Quantity.format(fluid.from)) h to \(Quantity.format(fluid.to)) h: the circuit never runs then (no segment, or a downtime); a circuit fluid acts only while the circuit runs")
                continue
            }
            fluids.append(fluid)
        }
        guard fluids.count == items.count else { return nil }
        for stream in FluidStream.allCases {
            let list = fluids.filter { $0.stream == stream }.sorted { $0.from < $1.from }
            for (a, b) in zip(list, list.dropFirst()) where b.from < a.to {
                field.descendant(at: b.path)["from"].error(
                    "\(b.product.name) from \(Quantity.format(b.from)) h overlaps \(a.product.name) (until \(Quantity.format(a.to)) h) on the same stream; expected one fluid per stream at a time")
                return nil
            }
        }
        return fluids
    }

    /// Every stream with a flow must have a fluid whenever the circuit runs.
    static func checkFluidCoverage(_ field: Field, history: CaseHistory) {
        let running = runningIntervals(history)
        for segment in history.segments {
            for (key, stream) in streamKeys where segment.therapy.flow(of: stream) > 0 {
                let needed = running.compactMap { r -> (Double, Double)? in
                    let a = Swift.max(r.0, segment.from), b = Swift.min(r.1, segment.to)
                    return b > a ? (a, b) : nil
                }
                let hung = history.fluids.filter { $0.stream == stream }.map { ($0.from, $0.to) }
                if let gap = needed.flatMap({ uncovered($0, by: hung) }).first {
                    field.descendant(at: segment.path)["therapy"].error(
                        "runs \(key.replacingUnderscores) at \(Quantity.format(segment.therapy.flow(of: stream) * 1000)) mL/h but no \(key.replacingUnderscores) fluid is given from \(Quantity.format(gap.0)) h to \(Quantity.format(gap.1)) h; expected a history fluid on that stream")
                }
            }
        }
    }

    static func readHistoryDoses(_ field: Field, from: Double) -> [OrderSpec] {
        guard field.isPresent, let items = field.list(expected: "a list of doses such as {at: -30 h, drug: magnesium sulfate IV, dose: 2 g, over: 2 h}") else { return [] }
        var doses: [OrderSpec] = []
        for item in items {
            guard let dose = readOrder(item, at: readPastTime(item["at"], from: from)) else { continue }
            if dose.at >= 0 { item["at"].error("a dose at 0 h is an order, not history; write it under orders"); continue }
            if let over = dose.over, dose.at + over > 1e-9 {
                item["over"].warning("this infusion runs past 0 h; only its part before 0 h is history (write the rest as an order at 0 h)")
            }
            doses.append(dose)
        }
        return doses.sorted { $0.at < $1.at }
    }

    static func readIntakeChanges(_ field: Field, from: Double) -> [CaseHistory.IntakeChange]? {
        guard field.isPresent else { return [] }
        guard let items = field.list(expected: "a list such as {from: -48 h, intake: {potassium: 60 mmol/day}}") else { return nil }
        var changes: [CaseHistory.IntakeChange] = []
        for item in items {
            guard item.expectMapping(allowedKeys: ["from", "intake"]) else { continue }
            guard let start = readPastTime(item["from"], from: from) else { continue }
            if !item["intake"].isPresent { item["intake"].error(value: "", "missing; expected the intake from then on, e.g. {potassium: 60 mmol/day} ({} for none)"); continue }
            if changes.contains(where: { $0.from == start }) {
                item["from"].error("two intake changes at \(Quantity.format(start)) h; expected one")
                continue
            }
            changes.append(CaseHistory.IntakeChange(from: start, intake: readIntake(item["intake"]), path: item.path))
        }
        return changes.count == items.count ? changes.sorted { $0.from < $1.from } : nil
    }

    // MARK: Intervals

    /// When the circuit runs: segments minus downtimes, sorted.
    static func runningIntervals(_ history: CaseHistory) -> [(Double, Double)] {
        history.segments.flatMap { uncovered(($0.from, $0.to), by: history.downtimes.map { ($0.from, $0.to) }) }
    }

    /// Length of the overlap of two intervals (≤ 0 when disjoint).
    static func overlap(_ a: (Double, Double), _ b: (Double, Double)) -> Double { Swift.min(a.1, b.1) - Swift.max(a.0, b.0) }

    /// The parts of `interval` not covered by `cover`, in order.
    static func uncovered(_ interval: (Double, Double), by cover: [(Double, Double)]) -> [(Double, Double)] {
        var gaps: [(Double, Double)] = []
        var cursor = interval.0
        for c in cover.sorted(by: { $0.0 < $1.0 }) where c.1 > cursor && c.0 < interval.1 {
            if c.0 > cursor { gaps.append((cursor, c.0)) }
            cursor = Swift.max(cursor, c.1)
        }
        if cursor < interval.1 { gaps.append((cursor, interval.1)) }
        return gaps.filter { $0.1 - $0.0 > 1e-9 }
    }
}
