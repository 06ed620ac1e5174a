import KRTUnits
import PropertyBased
import Testing
@testable import KRTKinetics

@Suite("Monotonicity")
struct MonotonicityTests {
    static let therapies = ["CVVH pre", "CVVHD + citrate", "CVVHDF", "SLED", "CVVH mixed + citrate"]

    /// Raising one solute's fluid concentration never lowers that solute's serum level at any time.
    @Test func higherFluidConcentrationNeverLowersSerum() async {
        await propertyCheck(count: 40, input: Gen.double(in: 0...5), Gen.double(in: 0.01...2), Gen.int(in: 0...4), Gen.int(in: 0...2)) { base, delta, t, s in
            let solute = Solute.planned[s]
            let therapy = Fixture.allTherapies.first { $0.0 == Self.therapies[t] }?.1 ?? Fixture.cvvhdf()
            let simulator = Simulator(patient: Fixture.patient(intake: Fixture.typicalIntake), therapy: therapy)
            var low = Fixture.standardFluid
            low[solute] = base
            var high = low
            high[solute] = base + delta
            let a = simulator.run(initialSerum: Fixture.normalSerum, fluids: Fixture.fluids(low), horizon: 48, outputStep: 2)
            let b = simulator.run(initialSerum: Fixture.normalSerum, fluids: Fixture.fluids(high), horizon: 48, outputStep: 2)
            for (x, y) in zip(a.serum(solute), b.serum(solute)) { #expect(y >= x - 1e-12) }
            #expect((b.serum(solute).last ?? 0) > (a.serum(solute).last ?? 0))
        }
    }

    /// A higher effluent dose brings serum closer to the fluid concentration at every time.
    @Test(arguments: Solute.planned)
    func higherDoseApproachesFluidFaster(solute: Solute) {
        let fluid: [Solute: Double] = [.potassium: 2, .phosphate: 0, .magnesium: 0.5]
        let start: [Solute: Double] = [.potassium: 5.5, .phosphate: 1.8, .magnesium: 1.1]
        var previous: [Double]?
        for dose in [0.015, 0.025, 0.035, 0.045] {
            let q = dose * Fixture.weight
            let therapy = Therapy(modality: .cvvhdf, bloodFlow: 12, dialysateFlow: q / 2, postReplacementFlow: q / 2)
            let run = Simulator(patient: Fixture.patient(), therapy: therapy)
                .run(initialSerum: start, fluids: Fixture.fluids(fluid), horizon: 48, outputStep: 3)
            let gap = run.serum(solute).map { abs($0 - (fluid[solute] ?? 0)) }
            if let previous {
                for (i, (g, p)) in zip(gap, previous).enumerated() where i > 0 { #expect(g < p, "\(solute) t=\(run.times[i])") }
            }
            previous = gap
        }
    }

    /// Higher fluid concentration also lowers net removal (every b_s ≥ 0).
    @Test func streamCoefficientsAreNonNegative() {
        for (_, therapy) in Fixture.allTherapies {
            for solute in Solute.planned {
                let ec = ExtracorporealCoefficients(solute: solute, therapy: therapy, patient: Fixture.patient())
                #expect(ec.serum > 0)
                for stream in FluidStream.allCases { #expect((ec.stream[stream] ?? 0) >= 0) }
            }
        }
    }
}

@Suite("Extracorporeal coefficients: special cases")
struct ClearanceSpecialCaseTests {
    let patient = Fixture.patient()

    @Test func postDilution() {
        let t = Therapy(modality: .cvvh, bloodFlow: 9, postReplacementFlow: 1.5, netUltrafiltration: 0.1)
        let ec = ExtracorporealCoefficients(solute: .potassium, therapy: t, patient: patient)
        // J = Q_F·s·C − Q_post·C_post
        #expect(abs(ec.netRemoval(serum: 4, fluids: [.postReplacement: 2]) - (1.6 * 4 - 1.5 * 2)) < 1e-12)
    }

    @Test func preDilution() {
        let t = Therapy(modality: .cvvh, bloodFlow: 9, preReplacementFlow: 1.5, netUltrafiltration: 0.1)
        let ec = ExtracorporealCoefficients(solute: .phosphate, therapy: t, patient: patient)
        let df = t.preDilutionFactor(hematocrit: 0.3, plasmaWaterFraction: 0.94)
        // J = Q_F·[DF·C + (1 − DF)·C_pre] − Q_pre·C_pre
        let expected = 1.6 * (df * 1.2 + (1 - df) * 0.8) - 1.5 * 0.8
        #expect(abs(ec.netRemoval(serum: 1.2, fluids: [.preReplacement: 0.8]) - expected) < 1e-12)
    }

    @Test func dialysisWithoutUltrafiltration() {
        let t = Therapy(modality: .cvvhd, bloodFlow: 9, dialysateFlow: 2)
        let ec = ExtracorporealCoefficients(solute: .magnesium, therapy: t, patient: patient)
        // J = S·Q_d·(s·C − C_d), s = 0.70 without citrate
        #expect(abs(ec.netRemoval(serum: 0.9, fluids: [.dialysate: 0.5]) - 2 * (0.7 * 0.9 - 0.5)) < 1e-12)
    }

    @Test func michaelsLimits() {
        // Equal flows: K = Q·KoA/(KoA + Q); huge KoA: K → min(Qb, Qd).
        #expect(abs(ExtracorporealCoefficients.michaels(bloodSide: 12, dialysate: 12, koa: 42) - 12 * 42 / 54) < 1e-12)
        #expect(abs(ExtracorporealCoefficients.michaels(bloodSide: 12, dialysate: 6, koa: 1e4) - 6) < 1e-9)
        #expect(abs(ExtracorporealCoefficients.michaels(bloodSide: 6, dialysate: 30, koa: 1e4) - 6) < 1e-9)
    }
}
