import Foundation
import KRTImport
import KRTInput
import KRTPlanner
import KRTUnits
import Testing

/// A case's labs exported as FHIR and as CSV and imported back give the same `labs:` (times, values, flags).
struct RoundTripTests {
    static let labs = """
        labs:
          - {at: -30 h, potassium: 5.1 mmol/L, phosphate: 6.5 mg/dL, magnesium: 2.4 mg/dL}
          - {at: -13 h, potassium: 6.7 mmol/L, haemolysed: true}
          - {at: -12 h, phosphate: 1.9 mmol/L, magnesium: 1.9 mEq/L}
          - {at: -3 h, potassium: 4.3 mmol/L, whole_blood: true}
          - {at: -90 min, magnesium: 0.7 mmol/L, preliminary: true}
          - {at: -20 min, potassium: 3.1 mmol/L, phosphate: 2.2 mg/dL, magnesium: 1.4 mg/dL}
        """

    /// The flagship case with a start: and the labs above (or none).
    static func caseText(withLabs: Bool) throws -> String {
        let flagship = try String(contentsOfFile: ImportSupport.fixtures + "/../../../cases/flagship-citrate-cvvhdf.yaml", encoding: .utf8)
        var lines = flagship.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("labs:") })
        lines.remove(at: index)
        while index < lines.count, lines[index].hasPrefix("  -") { lines.remove(at: index) }
        if withLabs { lines.insert(labs, at: index) }
        lines.insert("start: 2026-12-01T08:00:00+01:00", at: 1)
        return lines.joined(separator: "\n")
    }

    static func exportLabs(_ labs: [LabResult]) -> [ExportLab] {
        labs.map { lab in
            ExportLab(hours: lab.at,
                      values: Dictionary(uniqueKeysWithValues: lab.values.compactMap { solute, value in
                          LabAnalyte.allCases.first { $0.solute == solute && $0.isPlanned }.map { ($0, value) } }),
                      flags: Set(LabResult.Flags.keys.filter { lab.flags.contains($0.flag) }.compactMap { LabFlag(rawValue: $0.key) }))
        }
    }

    func roundTrip(_ format: String) throws {
        let original = try CaseReader.read(YAMLDocument.parse(Self.caseText(withLabs: true), source: "case.yaml"))
        #expect(original.labs.count == 6)
        let anchor = try ClockTime.parse(try #require(original.start).text)
        let exported = format == "fhir" ? try LabExport.fhir(Self.exportLabs(original.labs), anchor: anchor)
            : LabExport.csv(Self.exportLabs(original.labs), anchor: anchor)
        let result = try ImportSupport.importText(exported, name: "labs.\(format == "fhir" ? "json" : "csv")",
                                                  options: ImportSupport.options(allowPreliminary: true))
        let entries = try LabEntries.build(result, anchor: anchor)
        let bare = try YAMLDocument.parse(Self.caseText(withLabs: false), source: "case.yaml")
        let merged = try bare.appending(entries: entries.entries.map(\.fields), toList: "labs", note: format)
        let back = try CaseReader.read(merged)
        func key(_ lab: LabResult) -> String { "\(lab.at) \(lab.flags.rawValue)" }
        let before = original.labs.sorted { key($0) < key($1) }, after = back.labs.sorted { key($0) < key($1) }
        #expect(before.count == after.count)
        for (a, b) in zip(before, after) {
            #expect(abs(a.at - b.at) < 1e-9, "\(format): time \(a.at) h came back as \(b.at) h")
            #expect(a.flags == b.flags, "\(format): flags at \(a.at) h")
            #expect(Set(a.values.keys) == Set(b.values.keys), "\(format): solutes at \(a.at) h")
            for (solute, value) in a.values {
                #expect(abs(value - (b.values[solute] ?? .nan)) < 1e-12, "\(format): \(solute) at \(a.at) h: \(value) came back as \(b.values[solute] ?? .nan)")
            }
        }
        #expect(back.initialLabs == original.initialLabs)
    }

    @Test func fhir() throws { try roundTrip("fhir") }

    @Test func csv() throws { try roundTrip("csv") }
}
