import KRTCalibration
import KRTInput
import KRTPlanner
import Testing

/// The harness over all 69 figures of docs/validation/figures.yaml with the model's current defaults
/// (≈ 10 s in a debug build). Expected results: ``ExpectedOutcomes`` (one place to update).
@Suite("Calibration harness: every published figure")
struct HarnessTests {
    let outcomes = CalibrationFixtures.outcomes

    @Test func everyFigureIsAccountedFor() {
        #expect(outcomes.count == CalibrationFixtures.file.figures.count)
        #expect(outcomes.count == 69)
        for o in outcomes {
            switch o.status {
            case let .compared(m, s, _, _), let .noTolerance(m, s):
                #expect(m.isFinite, "\(o.figure.id): model value \(m)")
                #expect(s.isFinite, "\(o.figure.id): single-pool value \(s)")
            case .notExpressible, .refused:
                #expect(ExpectedOutcomes.notSimulated.contains(o.figure.id), "\(o.figure.id) is no longer simulated: \(o.status)")
            }
        }
    }

    @Test func calibrationFiguresTheModelMeetsStayWithin() {
        let calibration = outcomes.filter { $0.figure.half == .calibration && $0.modelWithin != nil }
        for o in calibration {
            if ExpectedOutcomes.calibrationWithin.contains(o.figure.id) {
                #expect(o.modelWithin == true,
                        "\(o.figure.id) regressed: model \(o.modelValue ?? .nan) outside \(o.acceptance.map { "\($0.low)–\($0.high)" } ?? "?")")
            } else {
                #expect(ExpectedOutcomes.calibrationKnownMisses[o.figure.id] != nil,
                        "\(o.figure.id) is judged but in neither list of ExpectedOutcomes (model \(o.modelValue ?? .nan))")
            }
        }
        for id in ExpectedOutcomes.calibrationWithin {
            #expect(calibration.contains { $0.figure.id == id }, "\(id) is no longer judged")
        }
    }

    @Test func validationHalfScoreDoesNotFall() {
        let c = CalibrationCounts.of(outcomes) { $0.half == .validation }
        #expect(c.modelWithin >= ExpectedOutcomes.validationWithinAtLeast,
                "validation half: \(c.modelWithin) within, recorded \(ExpectedOutcomes.validationWithinAtLeast)")
    }

    @Test func reportIsDeterministicAndComplete() {
        let again = CalibrationFixtures.harness.outcomes()
        let a = CalibrationReport(figuresSHA256: CalibrationFixtures.file.sha256, current: outcomes, calibrated: nil, fit: nil)
        let b = CalibrationReport(figuresSHA256: CalibrationFixtures.file.sha256, current: again, calibrated: nil, fit: nil)
        #expect(a.markdown == b.markdown)
        for figure in CalibrationFixtures.file.figures { #expect(a.markdown.contains("| \(figure.id) |")) }
        let document = "# title\n\n" + CalibrationReport.beginMarker + "\nold\n" + CalibrationReport.endMarker + "\n\nafter\n"
        let updated = a.updating(document: document)
        #expect(updated.hasPrefix("# title\n\n" + CalibrationReport.beginMarker))
        #expect(updated.hasSuffix(CalibrationReport.endMarker + "\n\nafter\n"))
        #expect(!updated.contains("\nold\n"))
    }

    /// The harness's model run is `krtplan simulate`'s: the same levels at every report step, from the case text.
    @Test(arguments: ["KHD-01", "PHD-12", "PCR-01", "MGD-06", "KIV-01"])
    func theHarnessRunsTheModelAsSimulateDoes(id: String) throws {
        let h = CalibrationFixtures.harness
        let p = try #require(h.prepared.first { $0.figure.id == id })
        let file = try CaseReader.read(YAMLDocument.parse(p.caseText, source: id))
        let result = try Planner(catalog: h.resolvingCatalog).simulate(PlanningCase.resolve(file, catalog: h.resolvingCatalog, mode: .simulate))
        let model = ModelPrediction(problem: p.problem)
        for series in result.trajectory.series {
            for (t, value) in zip(result.trajectory.times, series.values) {
                #expect(abs(model.level(series.solute, at: t) - value) < 1e-9, "\(id) \(series.solute) at \(t) h")
            }
        }
        // Removal is additive over intervals (each time is simulated from 0 h).
        let removed = model.value(of: .removed(p.readout.solute, from: 0, to: 4))
        let halves = model.value(of: .removed(p.readout.solute, from: 0, to: 2)) + model.value(of: .removed(p.readout.solute, from: 2, to: 4))
        #expect(abs(removed - halves) < 1e-9)
    }

    /// A shift-driver figure's prediction must depend on the drivers — the guard against a model run that
    /// drops an input the case carries. A two-arm figure is checked on each arm.
    @Test func shiftDriversReachTheModelRun() throws {
        let h = CalibrationFixtures.harness
        #expect(h.prepared.contains { $0.usesShiftDrivers && $0.arms != nil })
        for p in h.prepared where p.usesShiftDrivers {
            let texts = p.caseText.components(separatedBy: PreparedFigure.secondArmSeparator)
            let problems = p.arms.map { [$0.first, $0.second] } ?? [p.problem]
            #expect(texts.count == problems.count)
            for (caseText, problem) in zip(texts, problems) {
                let text = caseText.replacing(#/, "shift_drivers": \[[^\]]*\]/#, with: "")
                #expect(text != caseText)
                let file = try CaseReader.read(YAMLDocument.parse(text, source: p.figure.id))
                let without = try PlanningCase.resolve(file, catalog: h.resolvingCatalog, mode: .simulate).problem
                let a = ModelPrediction(problem: problem).value(of: p.readout)
                let b = ModelPrediction(problem: without).value(of: p.readout)
                #expect(abs(a - b) > 1e-6, "\(p.figure.id): the shift drivers do not change the model run")
            }
        }
    }
}
