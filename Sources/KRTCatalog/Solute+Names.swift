import KRTInput
import KRTUnits

extension Solute {
    /// Spellings accepted for a solute in command-line filters and suggested in data-file messages,
    /// beyond the raw value (`potassium`) and the table symbol (`K`).
    static let synonyms: [String: Solute] = [
        "hpo4": .phosphate, "po4": .phosphate, "p": .phosphate, "phosphorus": .phosphate,
        "dextrose": .glucose, "bicarb": .bicarbonate, "hco3": .bicarbonate,
        "k": .potassium, "na": .sodium, "ca": .calcium, "mg": .magnesium, "cl": .chloride,
    ]

    /// The solute a user means by `text`: raw value, table symbol or a common synonym, any case.
    public static func named(_ text: String) -> Solute? {
        let lowered = text.lowercased().trimmingWhitespace
        if let solute = Solute(rawValue: lowered) { return solute }
        if let solute = allCases.first(where: { $0.symbol.lowercased() == lowered }) { return solute }
        return synonyms[lowered]
    }

    /// "did you mean" for a misspelt or abbreviated solute name (raw values, symbols and synonyms
    /// are all candidates; the answer is the raw value).
    public static func suggestion(for text: String) -> String? {
        if let solute = named(text) { return solute.rawValue }
        let spellings = allCases.map(\.rawValue) + allCases.map { $0.symbol.lowercased() } + synonyms.keys.sorted()
        return Field.closest(to: text.lowercased(), among: spellings).flatMap(named).map(\.rawValue)
    }
}
