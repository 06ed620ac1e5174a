import Testing
import KRTInput
import KRTUnits
@testable import KRTPlanner

/// Lab entries: flags that exclude untrustworthy values, and conflicting values at one time refused.
struct LabReadingTests {
    let reader = CaseReaderTests()

    func withLabs(_ labs: String) -> String {
        reader.replacing("labs: [{at: 0 h, potassium: 4 mmol/L, phosphate: 1 mmol/L, magnesium: 0.8 mmol/L}]", with: labs)
    }

    @Test func everyDrawIsKeptAndTheLatestUsableValueStarts() throws {
        let file = try reader.read(withLabs("""
            labs:
              - {at: -12 h, potassium: 3.6 mmol/L, phosphate: 1.1 mmol/L, magnesium: 0.7 mmol/L}
              - {at: 0 h, potassium: 6.8 mmol/L, haemolysed: true, phosphate: 0.9 mmol/L, magnesium: 0.8 mmol/L}
            """))
        #expect(file.labs.count == 2)
        #expect(file.initialLabs[.potassium] == 3.6)
        #expect(file.labTimes[.potassium] == -12)
        #expect(file.initialLabs[.phosphate] == 0.9)
        #expect(file.labs[1].flags == [.haemolysed])
        #expect(file.warnings.contains { $0.message.contains("haemolysed sample") })
    }

    @Test func aCircuitOrPostFilterDrawIsNotUsedAtAll() throws {
        for flag in ["drawn_from_circuit", "post_filter"] {
            let file = try reader.read(withLabs("""
                labs:
                  - {at: -6 h, potassium: 4.2 mmol/L, phosphate: 1.1 mmol/L, magnesium: 0.7 mmol/L}
                  - {at: 0 h, potassium: 2.1 mmol/L, phosphate: 0.4 mmol/L, magnesium: 0.5 mmol/L, \(flag): true}
                """))
            #expect(file.initialLabs == [.potassium: 4.2, .phosphate: 1.1, .magnesium: 0.7], "\(flag)")
            #expect(file.warnings.contains { $0.message.contains("not the patient's level") }, "\(flag)")
        }
    }

    @Test func conflictingValuesAtOneTimeAreRefusedWithBothLines() {
        let messages = reader.messages(withLabs("""
            labs:
              - {at: 0 h, potassium: 6.8 mmol/L, phosphate: 1 mmol/L, magnesium: 0.8 mmol/L}
              - {at: 0 h, potassium: 4.3 mmol/L}
            """))
        #expect(messages.count == 1)
        #expect(messages.first?.contains("potassium at 0 h is given twice with different values: 6.8 mmol/L (line 4) and 4.3 mmol/L (line 5)") == true,
                "\(messages)")
        // Either order: the hyperkalaemic value is never dropped silently.
        let reversed = reader.messages(withLabs("""
            labs:
              - {at: 0 h, potassium: 4.3 mmol/L}
              - {at: 0 h, potassium: 6.8 mmol/L, phosphate: 1 mmol/L, magnesium: 0.8 mmol/L}
            """))
        #expect(reversed.first?.contains("4.3 mmol/L (line 4) and 6.8 mmol/L (line 5)") == true, "\(reversed)")
    }

    @Test func aFlaggedDuplicateIsNoConflictAndAnIdenticalOneIsAWarning() throws {
        let flagged = try reader.read(withLabs("""
            labs:
              - {at: 0 h, potassium: 6.8 mmol/L, haemolysed: true}
              - {at: 0 h, potassium: 4.3 mmol/L, phosphate: 1 mmol/L, magnesium: 0.8 mmol/L}
            """))
        #expect(flagged.initialLabs[.potassium] == 4.3)
        let identical = try reader.read(withLabs("""
            labs:
              - {at: 0 h, potassium: 4.3 mmol/L, phosphate: 1 mmol/L, magnesium: 0.8 mmol/L}
              - {at: 0 h, potassium: 4.3 mmol/L}
            """))
        #expect(identical.initialLabs[.potassium] == 4.3)
        #expect(identical.warnings.filter { $0.message.contains("given twice with the same value") }.count == 1)
    }

    @Test func onlyFlaggedValuesOfASoluteIsAnError() {
        let messages = reader.messages(withLabs("""
            labs:
              - {at: 0 h, potassium: 6.8 mmol/L, haemolysed: true, phosphate: 1 mmol/L, magnesium: 0.8 mmol/L}
            """))
        #expect(messages.contains { $0.contains("every potassium value is flagged as unusable") }, "\(messages)")
    }

    @Test func aFlagMustBeABoolean() {
        let messages = reader.messages(withLabs("""
            labs:
              - {at: 0 h, potassium: 4 mmol/L, phosphate: 1 mmol/L, magnesium: 0.8 mmol/L, haemolysed: maybe}
            """))
        #expect(messages.contains { $0.contains("haemolysed") }, "\(messages)")
    }
}
