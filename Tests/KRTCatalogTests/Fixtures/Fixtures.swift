/// Data files for tests, kept as text so the test target needs no resource declarations.
enum Fixtures {
    /// A US-style fluid whose calcium and magnesium were typed in mmol/L although the label states
    /// mEq/L (2.5 and 1.5): every unit is valid, only the charge balance can catch it
    /// (cations 148 + 2.5 + 1.5 = 152 mEq/L against anions 148 mEq/L).
    static let misenteredFluid = """
        id: misentered-bgk4-2.5
        name: Misentered BGK4/2.5
        aliases: []
        manufacturer: Test
        market: US
        roles: {value: [replacement], source: label, confidence: confirmed}
        sources:
          label: {document: "test label", url: "https://example.invalid/label"}
        composition:
          sodium:      {value: 140 mEq/L, source: label, confidence: confirmed}
          potassium:   {value: 4 mEq/L, source: label, confidence: confirmed}
          calcium:     {value: 2.5 mmol/L, source: label, confidence: confirmed}
          magnesium:   {value: 1.5 mmol/L, source: label, confidence: confirmed}
          chloride:    {value: 113 mEq/L, source: label, confidence: confirmed}
          bicarbonate: {value: 32 mEq/L, source: label, confidence: confirmed}
          lactate:     {value: 3 mEq/L, source: label, confidence: confirmed}
          phosphate:   {value: 0 mmol/L, source: label, confidence: confirmed}
          glucose:     {value: 100 mg/dL, source: label, confidence: confirmed}
          citrate:     {value: 0 mmol/L, source: label, confidence: confirmed}

        """

    /// A valid site fluid: a hypothetical phosphate- and magnesium-rich replacement fluid.
    static let siteFluid = """
        # A site's own product, added without editing the package.
        id: site-phosphate-plus
        name: Site Phosphate Plus
        aliases: [SPP]
        manufacturer: Example hospital pharmacy
        market: EU
        roles: {value: [replacement], source: sheet, confidence: confirmed}
        sources:
          sheet: {document: "Example hospital pharmacy product sheet", url: "https://example.invalid/spp"}
        composition:
          sodium:      {value: 140 mmol/L, source: sheet, confidence: confirmed}
          potassium:   {value: 4 mmol/L, source: sheet, confidence: confirmed}
          calcium:     {value: 0 mmol/L, source: sheet, confidence: confirmed}
          magnesium:   {value: 1.0 mmol/L, source: sheet, confidence: confirmed}
          chloride:    {value: 121.3 mmol/L, source: sheet, confidence: confirmed}
          bicarbonate: {value: 22 mmol/L, source: sheet, confidence: confirmed}
          lactate:     {value: 0 mmol/L, source: sheet, confidence: confirmed}
          phosphate:   {value: 1.5 mmol/L, source: sheet, confidence: confirmed}
          glucose:     {value: 0 mmol/L, source: sheet, confidence: confirmed}
          citrate:     {value: 0 mmol/L, source: sheet, confidence: confirmed}

        """

    /// A site limits file: slower peripheral KCl, stricter peripheral concentration, lower final K.
    static let siteLimits = """
        site: Example ICU pharmacy
        sources:
          policy: {document: "Example ICU electrolyte policy v3"}
        supplements:
          potassium-chloride-10-in-100:
            max_concentration:
              peripheral: {value: 40 mmol/L, source: policy}
            max_rate:
              peripheral: {value: 5 mmol/h, source: policy, note: "ward patients without ECG monitoring"}
          potassium-phosphates-iv:
            gate: {serum: potassium, value: 3.5 mmol/L, source: policy}
        compounding:
          max_final_concentration:
            potassium: {value: 4.5 mmol/L, source: policy}
          phosphate_with_calcium: warning

        """
}
