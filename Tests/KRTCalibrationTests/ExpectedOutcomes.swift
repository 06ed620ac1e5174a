/// **The one place to update** after a model change: run `make calibrate` (or `krtplan calibrate --no-fit`)
/// and copy from the generated table in docs/validation.md. Values are with the model's current defaults.
enum ExpectedOutcomes {
    /// Calibration-half figures the current model meets: each must stay within its published spread.
    static let calibrationWithin: Set<String> = [
        "KIV-03", "KHD-01", "KHD-05", "KHD-07", "KHD-09", "PHD-01", "PHD-05", "PHD-07", "PHD-11", "PHD-13", "PCR-01", "PCR-03",
        "MGD-01", "MGD-03", "MGD-07", "MGD-11", "SH-01", "SH-03", "SH-05", "SH-07", "SH-09", "SH-11",
    ]

    /// Calibration-half figures the current model misses, with the measured model value (the figure's unit).
    /// Known misses are listed, not asserted: a miss that becomes a hit is progress (move it up).
    static let calibrationKnownMisses: [String: Double] = [
        "KIV-01": 3.69, "KHD-03": 73.7, "KHD-11": -0.621, "PHD-03": 32.7, "PHD-09": 53.0,
        "MGD-05": 0.193, "MGD-09": 0.397, "MEM-01": 138, "MEM-03": 0.303,
        // Simulated since the harness gained premixed KCl orders (KIV-05) and a published renal Mg clearance (MGL-01).
        "KIV-05": 1.57, "MGL-01": 1.33,
    ]

    /// The validation half: the model is within on at least this many figures (recorded; must not fall).
    /// (Model krtplan-kinetics-3: 15 of 29 judged; KIV-04 and MEM-02 are among the figures the harness newly simulates.)
    static let validationWithinAtLeast = 15

    /// Figures not simulated today (not expressible yet, or refused by the case reader). A figure may leave
    /// this list (the case format grew); none may join it.
    static let notSimulated: Set<String> = [
        "PHD-14", "MGL-05", "MGL-06", "MEM-04", "MEM-05",
    ]
}
