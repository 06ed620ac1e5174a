/// **The one place to update** after a model change: run `make calibrate` (or `krtplan calibrate --no-fit`)
/// and copy from the generated table in docs/validation.md. Values are with the model's current defaults.
enum ExpectedOutcomes {
    /// Calibration-half figures the current model meets: each must stay within its published spread.
    static let calibrationWithin: Set<String> = [
        "KHD-01", "KHD-07", "KHD-09", "PHD-01", "PHD-05", "PHD-07", "PHD-11", "PHD-13", "PCR-01", "PCR-03", "MGD-01", "MGD-03",
        "MGD-07", "MGD-11", "SH-05", "SH-07", "SH-09", "SH-11",
    ]

    /// Calibration-half figures the current model misses, with the measured model value (the figure's unit).
    /// Known misses are listed, not asserted: a miss that becomes a hit is progress (move it up).
    static let calibrationKnownMisses: [String: Double] = [
        "KIV-01": 3.76, "KIV-03": 0.860, "KHD-03": 77.9, "KHD-05": 62.4, "KHD-11": -0.631, "PHD-03": 32.5, "PHD-09": 48.1,
        "MGD-05": 0.202, "MGD-09": 0.416, "MEM-01": 119, "MEM-03": 0.319, "SH-01": -0.113, "SH-03": -1.10,
        // Simulated since the harness gained premixed KCl orders (KIV-05) and a published renal Mg clearance (MGL-01).
        "KIV-05": 1.72, "MGL-01": 1.32,
    ]

    /// The validation half: the model is within on at least this many figures (recorded; must not fall).
    /// (13, plus KIV-04 and KIV-06, simulated since the harness gained premixed KCl orders and divisors.)
    static let validationWithinAtLeast = 15

    /// Figures not simulated today (not expressible yet, or refused by the case reader). A figure may leave
    /// this list (the case format grew); none may join it.
    static let notSimulated: Set<String> = [
        "PHD-14", "MGL-05", "MGL-06", "MEM-04", "MEM-05",
    ]
}
