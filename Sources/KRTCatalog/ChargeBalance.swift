import KRTUnits

/// The electroneutrality check of a ready-to-use composition: Σ cations against Σ anions in mEq/L.
///
/// A real solution is electroneutral, so a gap larger than the label rounding means a data-entry
/// error, typically Ca or Mg typed in mmol/L where the label states mEq/L (or the reverse): that
/// shifts the sum by the typed number itself.
///
/// Counting rules (for this check only):
/// - Na⁺, K⁺ count 1; Ca²⁺, Mg²⁺ count 2; Cl⁻, HCO₃⁻, lactate count 1; citrate counts 3.
/// - Phosphate counts ``phosphateCharge`` (1.8): at pH 7.4 about 80 % is HPO₄²⁻ and 20 % H₂PO₄⁻.
///   Labels print "HPO4²⁻" with 2 mEq per mmol; the fluids' own pH is 7.0–8.5, so no single figure
///   is exact. Phosphate is never converted to mEq anywhere else.
/// - Glucose counts 0. Free acid (e.g. citric acid in Prismocitrate 10/2) counts as H⁺, 1 per mEq.
///
/// Tolerance ``tolerance`` = 0.45 mEq/L: above the largest gap of any label in the shipped catalog
/// (0.36 mEq/L for Phoxilium, which comes from the approximate phosphate charge; the HCl
/// pH-adjuster of Phoxillum/Biphozyl is already inside the label's Cl and HCO₃, so it balances),
/// and below the smallest unit slip the check must catch (0.5 mEq/L: an EU Mg of 0.5 mmol/L typed
/// as mEq/L; every Ca slip and every US Mg slip is at least 1.0 mEq/L).
public struct ChargeBalance: Sendable, Hashable {
    /// Average charge of inorganic phosphate at pH 7.4, used only here.
    public static let phosphateCharge = 1.8
    /// Largest accepted |cations − anions| in mEq/L.
    public static let tolerance = 0.45

    /// Σ cations in mEq/L (including free acid as H⁺).
    public let cations: Double
    /// Σ anions in mEq/L.
    public let anions: Double

    /// - Parameters:
    ///   - composition: mmol/L per solute.
    ///   - freeAcid: free acid as H⁺ in mmol/L (0 when none).
    public init(composition: [Solute: Double], freeAcid: Double = 0) {
        var cations = freeAcid
        var anions = 0.0
        // Solute order, not the dictionary's (hash-seeded per process): the same sums to the last bit every run.
        for (solute, amount) in composition.sorted(by: { $0.key < $1.key }) {
            let charge = solute == .phosphate ? -Self.phosphateCharge : Double(solute.charge ?? 0)
            if charge > 0 { cations += charge * amount } else { anions -= charge * amount }
        }
        self.cations = cations
        self.anions = anions
    }

    /// cations − anions in mEq/L.
    public var gap: Double { cations - anions }

    public var isBalanced: Bool { abs(gap) <= Self.tolerance }
}
