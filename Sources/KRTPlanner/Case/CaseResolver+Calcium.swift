import KRTCatalog
import KRTInput
import KRTKinetics
import KRTUnits

/// The calcium guard: a calcium-free fluid (catalog calcium 0 mmol/L) lowers serum calcium unless calcium
/// is given another way. Such fluids are meant for regional citrate anticoagulation, whose protocol
/// includes a separate calcium infusion. So a calcium-free fluid is used only when the anticoagulation is
/// citrate or the case declares `therapy.calcium_infusion` (docs/case-format.md#calcium-free-fluids).
extension CaseResolver {
    /// Calcium (mmol/L) at or below which a fluid counts as calcium-free.
    static let calciumFreeBelow = 1e-9

    static func isCalciumFree(_ formulation: Formulation) -> Bool { formulation.calcium <= calciumFreeBelow }

    /// Whether calcium-free fluids may run: citrate anticoagulation, or a declared calcium infusion.
    var calciumFreeAllowed: Bool { file.therapy.usesCitrate || file.calciumInfusion != nil }

    /// Why calcium-free fluids are not allowed here, in clinical words.
    var calciumFreeReason: String {
        let anticoagulation = file.therapy.anticoagulation == .heparin ? "heparin" : "no"
        return "with \(anticoagulation) anticoagulation and no separate calcium infusion a calcium-free fluid causes "
            + "hypocalcaemia (such fluids are meant for regional citrate, which comes with a calcium infusion)"
    }

    static let calciumFix = "choose a calcium-containing product, or declare the separate calcium infusion as "
        + "therapy.calcium_infusion: {solution: calcium chloride 10 %, flow: 20 mL/h}"

    /// A fixed calcium-free product without citrate or a calcium infusion: an error at its path.
    mutating func checkFixedCalcium(_ formulation: Formulation, at reference: NameReference) -> Bool {
        guard Self.isCalciumFree(formulation) else { return true }
        if calciumFreeAllowed {
            noteCalciumInfusion(formulation, at: reference.path)
            return true
        }
        addError(reference.path, reference.name, "\(formulation.name) contains no calcium: \(calciumFreeReason); \(Self.calciumFix)")
        return false
    }

    /// The products of a `choose_from` list or of `choose_from: all` without the calcium-free ones when
    /// those are not allowed; an error (naming each excluded product) when nothing is left. A product
    /// named in a list and left out gets a warning; `all` leaves them out silently.
    mutating func calciumFiltered(_ products: [Formulation], at path: FieldPath, named: Bool) -> [Formulation]? {
        guard !calciumFreeAllowed else { return products }
        let excluded = products.filter(Self.isCalciumFree)
        guard !excluded.isEmpty else { return products }
        let kept = products.filter { !Self.isCalciumFree($0) }
        let names = excluded.map(\.name).joined(separator: ", ")
        if kept.isEmpty {
            addError(path, named ? nil : "all", "nothing left to choose: \(names) contain\(excluded.count == 1 ? "s" : "") no calcium, and "
                + "\(calciumFreeReason); \(Self.calciumFix)")
            return nil
        }
        if named {
            addWarning(path, nil, "\(names) left out: no calcium; \(calciumFreeReason); declare therapy.calcium_infusion to allow \(excluded.count == 1 ? "it" : "them")")
        }
        return kept
    }

    /// Under a declared calcium infusion (not citrate), each calcium-free fixed product gets a warning
    /// naming the infusion it relies on.
    mutating func noteCalciumInfusion(_ formulation: Formulation, at path: FieldPath) {
        guard !file.therapy.usesCitrate, let infusion = file.calciumInfusion else { return }
        addWarning(path, formulation.name, "\(formulation.name) contains no calcium; it relies on the separate calcium infusion "
            + "(\(infusion.solution) at \(Quantity.format(infusion.flow * 1000)) mL/h): monitor ionised calcium")
    }
}
