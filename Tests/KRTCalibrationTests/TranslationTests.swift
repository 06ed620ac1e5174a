import KRTCalibration
import KRTInput
import KRTUnits
import Testing

@Suite("Calibration harness: scenario translation")
struct TranslationTests {
    static let header = """
        reference_patient: {weight: 75 kg, sex: male}
        figures:
        """

    /// A figure record around `scenario` (flow YAML of the scenario mapping).
    static func record(_ id: String, _ scenario: String, half: String = "calibration") -> String {
        """

          - id: \(id)
            solute: potassium
            topic: test
            published: {quantity: test, value: 1.0, unit: mmol/L, spread: {kind: SD, low: 0.5, high: 1.5}}
            scenario: \(scenario)
            half: \(half)
        """
    }

    static let hd = """
        {patient: {weight: 70 kg, hematocrit: 0.33, residual_renal_function: none}, \
        labs: [{at: 0 h, potassium: 5.0 mmol/L, phosphate: 1.6 mmol/L, magnesium: 1.0 mmol/L}], \
        therapy: {modality: PIRRT, blood_flow: 300 mL/min, dialysate_flow: 500 mL/min, dialyzer_koa: 1000 mL/min, sessions: [{start: 0 h, duration: 4 h}]}, \
        fluids: {dialysate: {composition: {potassium: 2 mmol/L, phosphate: 0 mmol/L, magnesium: 0.5 mmol/L}}}, \
        horizon: 4 h, step: 15 min, readout: [{quantity: K removed, over: 0–4 h, unit: mmol}]}
        """

    func harness(_ records: String) throws -> Harness {
        Harness(file: try CalibrationFixtures.figures(Self.header + records), catalog: CalibrationFixtures.catalog)
    }

    @Test func compositionFluidBecomesACatalogProductAndTheCaseResolves() throws {
        let h = try harness(Self.record("T-1", Self.hd))
        let p = try #require(h.prepared.first)
        #expect(p.caseText.contains("calibration fluid K 2 P 0 Mg 0.5"))
        #expect(p.caseText.contains("\"sex\": \"male\""))
        #expect(p.caseText.contains("\"delivered_fraction\": \"100 %\""))
        #expect(p.readout == .removed(.potassium, from: 0, to: 4))
        #expect(p.problem.streams.first?.stream == .dialysate)
    }

    /// "No KRT" is one dormant session starting at the scenario's horizon: exact, because nothing after a time
    /// changes the levels before it — the same scenario with a later horizon gives the same levels.
    @Test func noTherapyIsADormantSessionAfterEveryReadout() throws {
        func scenario(_ horizon: String, at: String = "2 h") -> String {
            "{patient: {weight: 75 kg}, labs: [{at: 0 h, potassium: 3 mmol/L, phosphate: 1 mmol/L, magnesium: 0.8 mmol/L}], therapy: none, " +
                "orders: [{at: 0 h, drug: KCl 20 mmol/100 mL, dose: 20 mmol, route: IV, over: 1 h}], " +
                "horizon: \(horizon), step: 15 min, readout: [{quantity: serum potassium, at: \(at)}]}"
        }
        let h = try harness(Self.record("T-2", scenario("2 h")) + Self.record("T-2b", scenario("6 h")) + Self.record("T-2c", scenario("2 h", at: "3 h")))
        let short = try #require(h.prepared.first { $0.figure.id == "T-2" })
        let long = try #require(h.prepared.first { $0.figure.id == "T-2b" })
        #expect(short.caseText.contains("\"sessions\": [{\"start\": \"2 h\", \"duration\": \"1 h\"}]"))
        #expect(short.caseText.contains("\"horizon\": \"3 h\""))
        #expect(short.notes.contains { $0.hasPrefix("no KRT") })
        let a = ModelPrediction(problem: short.problem), b = ModelPrediction(problem: long.problem)
        for t in [0.25, 1, 2] {
            #expect(abs(a.level(.potassium, at: t) - b.level(.potassium, at: t)) < 1e-12)
        }
        #expect(a.level(.potassium, at: 1) > 3)
        guard case let .notExpressible(why)? = h.unprepared["T-2c"] else { Issue.record("a readout after the horizon must not run"); return }
        #expect(why.contains("after the scenario's horizon"))
    }

    /// (what the scenario changes, to what, the expected status, words the reason must contain)
    static let gaps: [(String, String, String, String)] = [
        ("residual_renal_function: none", "residual_renal_function: {clearance: {magnesium: \"fit so that MGL-03 holds\"}}",
         "not expressible", "residual magnesium clearance given as words"),
        ("horizon: 4 h", "sampling: intradialytic, horizon: 4 h", "not expressible", "scenario field 'sampling'"),
        ("quantity: K removed, over: 0–4 h", "quantity: K fall with 10 U / K fall with 5 U", "not expressible", "K fall with 10 U"),
        ("blood_flow: 300 mL/min", "blood_flow: 300 mL/h", "refused", "blood_flow"),
        ("potassium: 2 mmol/L, phosphate", "potassium: 2 mmol/L, sodium: 140 mmol/L, phosphate", "not expressible", "composition.sodium"),
    ]

    @Test(arguments: gaps.indices)
    func scenarioGapsAreReportedNeverApproximated(_ i: Int) throws {
        let (old, new, kind, words) = Self.gaps[i]
        let h = try harness(Self.record("T-\(i)", Self.hd.replacingOccurrences(of: old, with: new)))
        #expect(h.prepared.isEmpty)
        switch h.unprepared["T-\(i)"] {
        case let .notExpressible(why)?: #expect(kind == "not expressible" && why.contains(words), "\(why)")
        case let .refused(why)?: #expect(kind == "refused" && why.contains(words), "\(why)")
        default: Issue.record("T-\(i): expected \(kind)")
        }
    }

    @Test func sameAsReplacesOnlyTheGivenKeys() throws {
        let second = "{same_as: T-7, fluids: {dialysate: {composition: {potassium: 0 mmol/L, phosphate: 0 mmol/L, magnesium: 0.5 mmol/L}}}}"
        let h = try harness(Self.record("T-7", Self.hd) + Self.record("T-8", second, half: "validation"))
        let p = try #require(h.prepared.first { $0.figure.id == "T-8" })
        #expect(p.caseText.contains("calibration fluid K 0 P 0 Mg 0.5"))
        #expect(p.caseText.contains("\"blood_flow\": \"300 mL/min\""))
        #expect(p.figure.half == .validation)
    }

    @Test func shiftInputsAreWrittenAsPlannedShiftDrivers() throws {
        var translator = ScenarioTranslator(referencePatient: .map([("sex", .scalar("male"))]))
        let scenario = Self.hd.replacingOccurrences(of: "horizon: 4 h", with: """
            shift_inputs: [{at: 0 h, kind: insulin, amount: 10 units, route: IV bolus, with_glucose: 25 g}, \
            {at: 0 h, kind: sodium_bicarbonate, amount: 1 mmol/kg, route: IV, over: 2 h}, \
            {at: 0 h, kind: beta2_agonist, drug: salbutamol, amount: 10 mg, route: nebulised}, \
            {at: 1 h, kind: beta2_agonist, drug: salbutamol, amount: 0.5 mg, route: IV, over: 15 min}], horizon: 4 h
            """)
        let file = try CalibrationFixtures.figures(Self.header + Self.record("T-9", scenario))
        let t = try translator.translate(file.figures[0])
        #expect(t.usesShiftDrivers)
        #expect(t.caseText.contains("\"shift_drivers\": [{\"at\": \"0 h\", \"agent\": \"insulin\", \"dose\": \"10 units\", \"route\": \"intravenous\", \"over\": \"0 min\", \"dextrose\": \"25 g\"}"))
        #expect(t.caseText.contains("{\"at\": \"0 h\", \"agent\": \"sodium_bicarbonate\", \"dose\": \"70 mmol\", \"route\": \"intravenous\", \"over\": \"2 h\"}"))
        #expect(t.caseText.contains("{\"at\": \"0 h\", \"agent\": \"salbutamol\", \"dose\": \"10 mg\", \"route\": \"nebulised\"}"))
        // An IV salbutamol dose says so: the case reader's default for salbutamol is nebulised (20× weaker per mg).
        #expect(t.caseText.contains("{\"at\": \"1 h\", \"agent\": \"salbutamol\", \"dose\": \"0.5 mg\", \"route\": \"intravenous\", \"over\": \"15 min\"}"))
        // The case reader reads them: the figure runs, with the drivers in its case.
        let h = Harness(file: file, catalog: CalibrationFixtures.catalog)
        #expect(h.unprepared["T-9"] == nil, "\(h.unprepared)")
        #expect(h.prepared.first?.usesShiftDrivers == true)
    }

    @Test func repeatedOrdersAreWrittenOut() throws {
        let scenario = Self.hd.replacingOccurrences(of: "horizon: 4 h", with: "orders: [{every: 1 h, drug: magnesium sulfate, dose: 1 g, over: 30 min}], horizon: 4 h")
        let h = try harness(Self.record("T-10", scenario))
        let p = try #require(h.prepared.first)
        #expect(p.problem.fixedOrders.map(\.at) == [0, 1, 2, 3])
    }

    @Test func notASimulationFigure() throws {
        let h = try harness(Self.record("T-11", "{note: \"compare with a fitted clearance. Treat as a prior.\", readout: [{quantity: fitted clearance}]}"))
        guard case let .notExpressible(why)? = h.unprepared["T-11"] else { Issue.record("expected not expressible"); return }
        #expect(why == "not a simulation figure: compare with a fitted clearance")
    }

    /// A two-arm readout: each arm is the scenario with its dialysate concentration; the figure's value is the
    /// ratio of the arms' readings.
    @Test func twoArmReadoutRunsBothArms() throws {
        let scenario = Self.hd.replacingOccurrences(of: "quantity: K removed, over: 0–4 h",
                                                    with: "quantity: (K removed with dialysate K 0) / (K removed with dialysate K 2)")
        let h = try harness(Self.record("T-12", scenario))
        let p = try #require(h.prepared.first)
        let arms = try #require(p.arms)
        #expect(arms.comparison.combination == .ratio && arms.comparison.first == .dialysate(.potassium, 0) && arms.comparison.second == .dialysate(.potassium, 2))
        #expect(p.caseText.contains("calibration fluid K 0 P 0 Mg 0.5") && p.caseText.contains("calibration fluid K 2 P 0 Mg 0.5"))
        let zero = ModelPrediction(problem: arms.first).value(of: .sessionRemoval(.potassium))
        let two = ModelPrediction(problem: arms.second).value(of: .sessionRemoval(.potassium))
        #expect(zero > two && two > 0)
        #expect(abs(p.value { ModelPrediction(problem: $0) } - zero / two) < 1e-12)
    }
}
