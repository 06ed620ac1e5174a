import Foundation
import KRTUnits

/// A figure's readout as something computable from a run (docs/validation.md, "Readouts"). Times in hours,
/// levels in mmol/L, amounts in mmol. The figure file writes readouts in words; ``parse(_:)`` recognises the
/// forms below and nothing else — any other readout is "not expressible yet" with its words.
public indirect enum Readout: Sendable, Hashable {
    /// Serum level at t.
    case level(Solute, at: Double)
    /// Mean serum level over [from, to] (hourly samples).
    case meanLevel(Solute, from: Double, to: Double)
    /// level(a) − level(b).
    case difference(Solute, Double, Double)
    /// 100 × (level(a) − level(b)) / level(c).
    case percentFall(Solute, Double, Double, Double)
    /// 100 × level(a) / level(b).
    case percentOf(Solute, Double, Double)
    /// Net removal by the circuit (effluent − delivered) over [from, to], mmol.
    case removed(Solute, from: Double, to: Double)
    /// 100 × removed(a…b) / removed(c…d).
    case removedShare(Solute, Double, Double, Double, Double)
    /// Net removal over the first session, mmol.
    case sessionRemoval(Solute)
    /// 100 × removed in the first hour / removed over the first session (share "in each hour", first hour compared).
    case firstHourShare(Solute)
    /// Minimum serum level over [0, to] (5-min samples).
    case minimum(Solute, to: Double)
    /// Starting level s with level(t) = s (the session's neutral point; the model is affine in the start).
    case neutralStart(Solute, at: Double)
    /// Mean serum level just before each session starting in [from, to].
    case preSessionMean(Solute, from: Double, to: Double)
    /// Balance (delivered − effluent) rate at t, mmol/h, over the last 15 min before t (+ = into the patient).
    case balanceRate(Solute, at: Double)
    /// Mean removal rate over the first session, mmol/min.
    case meanRemovalRate(Solute)
    /// Circuit clearance at the start: removal over the first 15 min / 0.25 h / level(0), mL/min.
    case initialClearance(Solute)
    /// 100 × renal excretion over [from, to] / IV dose given over [from, to] (% of the dose).
    case renalShareOfDose(Solute, from: Double, to: Double)
    /// Apparent volume per kg at t: (IV dose given − renal excretion, 0…t) / (level(t) − level(0)) / weight, L/kg.
    case apparentVolume(Solute, at: Double)
    /// Another readout divided by a count the figure states (e.g. per infusion): `(…) / 3 infusions`.
    case divided(Readout, by: Double)

    /// Why a readout cannot be computed (shown as "not expressible yet: …").
    public struct Unsupported: Error, Sendable, Hashable { public var reason: String }

    public static func parse(_ readout: YAMLValue) throws(Unsupported) -> Readout {
        let words = readout["quantity"]?.text ?? ""
        let q = Acceptance.normalised(words).replacingOccurrences(of: "×", with: "x")
        let at = readout["at"]?.text.map(Acceptance.normalised)
        let over = readout["over"]?.text.map(Acceptance.normalised)
        if let m = q.wholeMatch(of: /serum (potassium|phosphate|magnesium)/), let s = Self.solute(m.1) {
            if let at, let d = at.wholeMatch(of: /days (\d+)-(\d+)/), let a = Double(d.1), let b = Double(d.2) {
                return .meanLevel(s, from: a * 24, to: b * 24)
            }
            if let at, let t = Self.hours(at) { return .level(s, at: t) }
        }
        if let m = q.wholeMatch(of: /serum (potassium|phosphate|magnesium) rise from 0 h/), let s = Self.solute(m.1), let at, let t = Self.hours(at) {
            return .difference(s, t, 0)
        }
        if let m = q.firstMatch(of: /^serum (potassium|phosphate|magnesium) at (\d+(?:\.\d+)?\s*(?:h|min))\b/), let s = Self.solute(m.1), let t = Self.hours(String(m.2)) {
            return .level(s, at: t)
        }
        if let m = q.firstMatch(of: /^(K|P|Mg)\(([^)]*)\) - (K|P|Mg)\(([^)]*)\)/), m.1 == m.3, let s = Self.solute(m.1),
           let a = Self.hours(String(m.2)), let b = Self.hours(String(m.4)) {
            return .difference(s, a, b)
        }
        if let m = q.wholeMatch(of: /100 x \((K|P|Mg) at ([^-]+?) - (K|P|Mg) at ([^)]+?)\) \/ (K|P|Mg) at (.+)/),
           m.1 == m.3, m.1 == m.5, let s = Self.solute(m.1),
           let a = Self.hours(String(m.2)), let b = Self.hours(String(m.4)), let c = Self.hours(String(m.6)) {
            return .percentFall(s, a, b, c)
        }
        if let m = q.wholeMatch(of: /100 x (K|P|Mg) at (.+?) \/ (K|P|Mg) at (.+)/), m.1 == m.3, let s = Self.solute(m.1),
           let a = Self.hours(String(m.2)), let b = Self.hours(String(m.4)) {
            return .percentOf(s, a, b)
        }
        if let m = q.wholeMatch(of: /100 x \((K|P|Mg) removed (\S+)-(\S+ h)\) \/ \((K|P|Mg) removed (\S+)-(\S+ h)\)/),
           m.1 == m.4, let s = Self.solute(m.1),
           let a = Self.hours(String(m.2) + " h"), let b = Self.hours(String(m.3)),
           let c = Self.hours(String(m.5) + " h"), let d = Self.hours(String(m.6)) {
            return .removedShare(s, a, b, c, d)
        }
        if let m = q.firstMatch(of: /^(K|P|Mg) removed( by the circuit.*)?$/), let s = Self.solute(m.1), let over,
           let r = over.wholeMatch(of: /(\S+)-(\S+ h)/), let a = Self.hours(String(r.1) + " h"), let b = Self.hours(String(r.2)) {
            return .removed(s, from: a, to: b)
        }
        if let m = q.wholeMatch(of: /share of (K|P|Mg) removed in each hour/), let s = Self.solute(m.1) { return .firstHourShare(s) }
        if let m = q.firstMatch(of: /^minimum serum (potassium|phosphate|magnesium) over (\d+(?:\.\d+)?) h/), let s = Self.solute(m.1),
           let t = Double(m.2) {
            return .minimum(s, to: t)
        }
        if let m = q.firstMatch(of: /^pre-dialysis (K|P|Mg) at which (K|P|Mg)\(([^)]*)\) = (K|P|Mg)\(0 h\)/), let s = Self.solute(m.1),
           let t = Self.hours(String(m.3)) {
            return .neutralStart(s, at: t)
        }
        if let m = q.wholeMatch(of: /mean pre-session serum (K|P|Mg) over days (\d+)-(\d+)( \(periodic steady state\))?/),
           let s = Self.solute(m.1), let a = Double(m.2), let b = Double(m.3) {
            return .preSessionMean(s, from: a * 24, to: b * 24)
        }
        if let m = q.firstMatch(of: /^(K|P|Mg) balance (?:\(delivered - effluent\) )?at (\d+(?:\.\d+)?\s*h)/), let s = Self.solute(m.1),
           let t = Self.hours(String(m.2)) {
            return .balanceRate(s, at: t)
        }
        if let m = q.wholeMatch(of: /mean (K|P|Mg) removal rate over the session/), let s = Self.solute(m.1) { return .meanRemovalRate(s) }
        if let m = q.wholeMatch(of: /(potassium|phosphate|magnesium) dialyser clearance = removal rate \/ serum (K|P|Mg) at 0 h/),
           let s = Self.solute(m.1) {
            return .initialClearance(s)
        }
        if let m = q.wholeMatch(of: /100 x \(renal (K|P|Mg) excretion (\S+)-(\S+ h)\) \/ \((K|P|Mg) given IV (\S+)-(\S+ h)\)/),
           m.1 == m.4, let s = Self.solute(m.1), let a = Self.hours(String(m.2) + " h"), let b = Self.hours(String(m.3)),
           Self.hours(String(m.5) + " h") == a, Self.hours(String(m.6)) == b {
            return .renalShareOfDose(s, from: a, to: b)
        }
        if let m = q.wholeMatch(of: /apparent volume = \(dose - renal excretion\) \/ \((K|P|Mg)\(t\) - (K|P|Mg)\(0\)\) at (\d+(?:\.\d+)?\s*h), per kg/),
           m.1 == m.2, let s = Self.solute(m.1), let t = Self.hours(String(m.3)) {
            return .apparentVolume(s, at: t)
        }
        if let m = q.wholeMatch(of: /\((.+)\) \/ (\d+(?:\.\d+)?) ([a-z]+)/), let count = Double(m.2) {
            guard count > 0 else { throw Unsupported(reason: "readout '\(words)': the divisor \(m.2) \(m.3) must be a positive count") }
            let inner = readout.setting("quantity", .scalar(String(m.1)))
            return .divided(try parse(inner), by: count)
        }
        throw Unsupported(reason: "readout '\(words)' " + Self.why(q))
    }

    /// A plain-words reason for the readouts the harness does not compute.
    static func why(_ q: String) -> String {
        if q.contains("ultrafiltrate flow") {
            return "needs the effluent clearance of urea (the paper's solute); K in the scenario's fluid makes a K clearance a different quantity"
        }
        if q.contains("fitted") { return "is a fitted parameter, not a simulated quantity" }
        if q.contains("ionised") { return "needs ionised Mg in the circuit (the model has no Mg–citrate complex)" }
        if q.contains("excess renal") || q.contains("renal mg clearance") || q.contains("renal excretion") || q.contains("renal Mg") {
            return "needs a renal Mg sink the scenario cannot state (a clearance to be fitted or a reabsorption threshold)"
        }
        if q.contains(" with ") || q.contains("minus") || q.contains("ratio") || q.contains(") / (") || q.contains("(P clearance") {
            return "compares two runs whose second arm is described only in words (state it as second_arm, each_arm and combine)"
        }
        return "is not a form the harness computes"
    }

    static func solute(_ s: Substring) -> Solute? {
        switch s {
        case "K", "potassium": .potassium
        case "P", "phosphate": .phosphate
        case "Mg", "magnesium": .magnesium
        default: nil
        }
    }

    /// "60 min", "4 h", "0", "2 h" → hours.
    static func hours(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t == "0" { return 0 }
        guard let m = t.wholeMatch(of: /(\d+(?:\.\d+)?)\s*(min|h)/), let v = Double(m.1) else { return nil }
        return m.2 == "min" ? v / 60 : v
    }

    /// The latest time (h) the readout looks at (`.infinity` when it depends on the sessions).
    public var latestTime: Double {
        switch self {
        case let .level(_, t), let .neutralStart(_, t), let .balanceRate(_, t), let .minimum(_, t): t
        case let .meanLevel(_, _, b), let .removed(_, _, b), let .preSessionMean(_, _, b): b
        case let .difference(_, a, b), let .percentOf(_, a, b): max(a, b)
        case let .percentFall(_, a, b, c): max(a, b, c)
        case let .removedShare(_, a, b, c, d): max(a, b, c, d)
        case let .renalShareOfDose(_, _, b): b
        case let .apparentVolume(_, t): t
        case let .divided(r, _): r.latestTime
        case .firstHourShare, .meanRemovalRate, .initialClearance, .sessionRemoval: .infinity
        }
    }

    /// The solute the readout is about.
    public var solute: Solute {
        switch self {
        case let .level(s, _), let .meanLevel(s, _, _), let .difference(s, _, _), let .percentFall(s, _, _, _),
             let .percentOf(s, _, _), let .removed(s, _, _), let .removedShare(s, _, _, _, _), let .firstHourShare(s), let .sessionRemoval(s),
             let .minimum(s, _), let .neutralStart(s, _), let .preSessionMean(s, _, _), let .balanceRate(s, _),
             let .meanRemovalRate(s), let .initialClearance(s), let .renalShareOfDose(s, _, _), let .apparentVolume(s, _): s
        case let .divided(r, _): r.solute
        }
    }
}
