import Foundation
import KRTImport
import KRTInput
import Testing

/// Bad input: each refused with one clear message naming the entry or line, the field and the value (exit 65).
struct BadInputTests {
    /// An Observation with `changes` applied to a valid potassium result.
    func observation(_ changes: [String: String] = [:], removing: [String] = []) -> String {
        var fields: [String: String] = [
            "resourceType": #""Observation""#, "id": #""k1""#, "status": #""final""#,
            "code": #"{"coding":[{"system":"http://loinc.org","code":"2823-3"}]}"#,
            "subject": #"{"reference":"Patient/p1"}"#,
            "effectiveDateTime": #""2026-12-01T06:00:00+01:00""#,
            "valueQuantity": #"{"value":4.1,"unit":"mmol/L","system":"http://unitsofmeasure.org","code":"mmol/L"}"#,
        ]
        fields.merge(changes) { _, new in new }
        for key in removing { fields[key] = nil }
        return "{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    func bundle(_ observations: [String]) -> String {
        #"{"resourceType":"Bundle","type":"searchset","entry":["# + observations.map { #"{"resource":"# + $0 + "}" }.joined(separator: ",") + "]}"
    }

    func refusal(_ text: String, name: String = "labs.json", options: LabImportOptions = ImportSupport.options()) throws -> InputError {
        try #require(throws: InputError.self) {
            let result = try ImportSupport.importText(text, name: name, options: options)
            _ = try LabEntries.build(result, anchor: try ImportSupport.anchor())
        }
    }

    @Test func aValidObservationIsTheBaseline() throws {
        let result = try ImportSupport.importText(bundle([observation()]))
        #expect(try LabEntries.build(result, anchor: try ImportSupport.anchor()).entries.map(\.flowText) == ["{at: -2 h, potassium: 4.1 mmol/L}"])
    }

    @Test func notJSON() throws {
        let error = try refusal("this is not json")
        #expect(error.kind == .data && error.description.contains("not JSON"))
        let broken = try refusal(#"{"resourceType": "Bundle", "entry": [}"#)
        #expect(broken.description.contains("not valid JSON"))
    }

    @Test func wrongResourceType() throws {
        let error = try refusal(#"{"resourceType":"Patient","id":"p1"}"#)
        #expect(error.description.contains("resourceType") && error.description.contains("'Patient'"))
    }

    @Test func missingTimeNamesTheEntryAndSaysIssuedIsNotUsed() throws {
        let error = try refusal(bundle([observation(), observation(["issued": #""2026-12-01T07:00:00Z""#], removing: ["effectiveDateTime"])]))
        #expect(error.description.contains("entry[1].resource.effectiveDateTime"))
        #expect(error.description.contains("no collection time") && error.description.contains("issued 2026-12-01T07:00:00Z is the report time"))
    }

    @Test func unknownUnit() throws {
        let error = try refusal(bundle([observation(["valueQuantity": #"{"value":4.1,"system":"http://unitsofmeasure.org","code":"mmol/dL"}"#])]))
        #expect(error.description.contains("entry[0].resource.valueQuantity.code") && error.description.contains("unknown unit 'mmol/dL'"))
    }

    @Test func aMassCodeWithAMolarUnitIsRefused() throws {
        let phosphate = observation(["code": #"{"coding":[{"system":"http://loinc.org","code":"2777-1"}]}"#,
                                     "valueQuantity": #"{"value":1.1,"system":"http://unitsofmeasure.org","code":"mmol/L"}"#])
        let error = try refusal(bundle([phosphate]))
        #expect(error.description.contains("LOINC 2777-1") && error.description.contains("mass code") && error.description.contains("1.1 mmol/L"))
    }

    @Test func potassiumInMassUnitsAndPhosphateInMEqAreRefused() throws {
        let potassium = try refusal(bundle([observation(["valueQuantity": #"{"value":16,"code":"mg/dL"}"#])]))
        #expect(potassium.description.contains("not 'mg/dL'"))
        let phosphate = observation(["code": #"{"coding":[{"system":"http://loinc.org","code":"14879-1"}]}"#,
                                     "valueQuantity": #"{"value":2,"code":"meq/L"}"#])
        #expect(try refusal(bundle([phosphate])).description.contains("never expressed in mEq"))
    }

    @Test func implausibleValuesAreRefusedAsTheCaseReaderDoes() throws {
        let error = try refusal(bundle([observation(["valueQuantity": #"{"value":41,"code":"mmol/L"}"#])]))
        #expect(error.description.contains("41 mmol/L") && error.description.contains("not a plausible serum level") && error.description.contains("1–10 mmol/L"))
    }

    @Test func futureTimesAreRefused() throws {
        let error = try refusal(bundle([observation(["effectiveDateTime": #""2026-12-01T09:00:00+01:00""#])]))
        #expect(error.description.contains("after the anchor"))
    }

    @Test func differentSameTimeValuesAreRefusedNamingBoth() throws {
        let error = try refusal(bundle([observation(), observation(["id": #""k2""#, "valueQuantity": #"{"value":3.6,"code":"mmol/L"}"#])]))
        #expect(error.description.contains("given twice") && error.description.contains("(id k1)") && error.description.contains("(id k2)"))
    }

    @Test func badStatusAndMissingCode() throws {
        #expect(try refusal(bundle([observation(["status": #""done""#])])).description.contains("status 'done'"))
        #expect(try refusal(bundle([observation(removing: ["code"])])).description.contains("no code"))
        #expect(try refusal(bundle([observation(["valueQuantity": #"{"value":"4.1","code":"mmol/L"}"#])])).description.contains("entry[0].resource.valueQuantity.value"))
    }

    @Test func tenMegabytesIsRefusedBeforeReading() throws {
        let path = NSTemporaryDirectory() + "krtplan-import-big-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(repeating: UInt8(ascii: " "), count: 10_000_000).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: InputError.self) { _ = try LabImporter.importFiles([path], options: ImportSupport.options()) }
        #expect(error.description.contains("10000000 bytes") && error.description.contains("limit"))
    }

    @Test func aHundredThousandRowsAreRefused() throws {
        let rows = String(repeating: "2026-12-01T06:00:00+01:00,potassium,4.1,mmol/L\n", count: 100_000)
        let error = try refusal("time,analyte,value,unit\n" + rows, name: "labs.csv")
        #expect(error.description.contains("100001 lines") && error.description.contains("limit"))
    }

    @Test func nulBytesAreRefused() throws {
        let path = NSTemporaryDirectory() + "krtplan-import-nul-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("time,analyte,value,unit\n2026-12-01T06:00:00+01:00,potassium,4\u{0}.1,mmol/L\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: InputError.self) { _ = try LabImporter.importFiles([path], options: ImportSupport.options()) }
        #expect(error.description.contains("NUL"))
    }

    @Test func deeplyNestedJSONIsRefusedBeforeDecoding() throws {
        let text = #"{"resourceType":"Bundle","entry":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let error = try refusal(text)
        #expect(error.description.contains("nested deeper than 32 levels"))
    }

    @Test func csvProblemsNameTheLineAndColumn() throws {
        let csv = "time,analyte,value,unit\n2026-12-01T06:00:00+01:00,potassium,4.1,mmol/L\n2026-12-01T06:00:00+01:00,magnesium,0.8,mmol/dl\n"
        let error = try refusal(csv, name: "labs.csv")
        #expect(error.description.contains("unit (line 3)") && error.description.contains("'mmol/dl'"))
        let noTime = try refusal("time,analyte,value,unit\n,potassium,4.1,mmol/L\n", name: "labs.csv")
        #expect(noTime.description.contains("time (line 2)") && noTime.description.contains("no collection time"))
        let unknown = try refusal("when,what,result\n1,2,3\n", name: "labs.csv")
        #expect(unknown.description.contains("not a known lab table") && unknown.description.contains("--columns"))
    }
}
