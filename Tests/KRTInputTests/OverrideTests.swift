import Testing
@testable import KRTInput

/// Overrides, strict field paths, grouping and elision at the library level (docs/safety.md#trust-boundaries).
struct OverrideTests {
    func document(_ text: String) throws -> YAMLDocument {
        try YAMLDocument.parse(text, source: "case.yaml")
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "(no error)" } catch let error as InputError { return error.issues.first?.message ?? "" } catch {
            return "\(error)"
        }
    }

    @Test func manyOverridesAreAppliedInOnePassAndAllLand() throws {
        let base = try document("solver: {threads: 1}\nlabs:\n  - {at: 0 h}\n  - {at: -1 h}\n")
        // Far above the command line's cap of 200: the library applies any number in one pass.
        var overrides: [InputOverride] = []
        for index in 0..<20_000 { overrides.append(try InputOverride(parsing: "extra.k\(index)=\(index)")) }
        overrides.append(try InputOverride(parsing: "labs[1].at=-2 h"))
        let applied = try base.applying(overrides)
        let log = IssueLog()
        let root = applied.field(log: log)
        #expect(root["extra"].keys.count == 20_000)
        #expect(root["extra"]["k19999"].string() == "19999")
        #expect(root["labs"][index: 1]["at"].string() == "-2 h")
        #expect(root["solver"]["threads"].string() == "1", "untouched fields stay")
        #expect(root["extra"]["k5"].line == nil, "an overridden value has no line of the file")
    }

    @Test func aFieldSetTwiceIsRefusedNamingBoth() {
        #expect(message { _ = try InputOverride.list(parsing: ["a.b=1", "a.b=2"]) }
            == "'a.b=1' and 'a.b=2' both set a.b; give each field once")
        #expect(message { _ = try InputOverride.list(parsing: ["a.b.c=1", "a={b: {c: 2}}"]) }
            == "'a={b: {c: 2}}' and 'a.b.c=1' both set a.b.c; give each field once")
        #expect(message { _ = try InputOverride.list(parsing: ["a.b=1", "a.c=2"]) } == "(no error)")
        #expect(message { _ = try InputOverride.list(parsing: Array(repeating: "a=1", count: 201)) }
            == "201 overrides given; at most 200 are accepted")
    }

    @Test(arguments: [
        ("patient..weight", "has an empty name"),
        (".patient", "starts with '.'"),
        ("patient.", "has an empty name"),
        ("labs[0.5]", "'[0.5]' is not a list index"),
        ("labs[ 0 ]", "'[ 0 ]' has spaces inside the brackets; write labs[0]"),
        ("labs[-1]", "'[-1]' is negative"),
        ("labs[12345678901234567890]", "is too large; no list in a krtplan file has more than 100000 entries"),
        ("labs[]", "'labs[]' has no index"),
        ("labs[0", "is not an index"),
        ("labs]", "']' without '['"),
        ("[0]", "no list name before it"),
    ])
    func strictPathsRefuseWhatThePermissiveParserDropped(_ path: String, _ fragment: String) {
        let text = message { _ = try FieldPath(strictlyParsing: path) }
        #expect(text.contains(fragment), "\(path): \(text)")
        #expect(text.hasPrefix("field path '\(path)'"))
    }

    @Test func strictPathsAcceptWhatTheCaseUses() throws {
        #expect(try FieldPath(strictlyParsing: "therapy.replacement[0].flow").description == "therapy.replacement[0].flow")
        #expect(try FieldPath(strictlyParsing: "labs[0][1]").components == [.key("labs"), .index(0), .index(1)])
    }

    @Test func identicalIssuesAreGroupedAndTheListIsCapped() {
        let same = (0..<300).map { InputIssue(path: FieldPath("labs").appending(index: $0).appending("potassium"), message: "too high", line: $0 + 2) }
        let other = (0..<150).map { InputIssue(path: FieldPath(parsing: "k\($0)"), message: "unknown") }
        let lines = (same + other).groupedLines()
        #expect(lines.first == "labs[0].potassium (line 2): too high (and 299 more like it)")
        #expect(lines.count == 101)
        #expect(lines.last == "… and 51 more problems not shown; fix the ones above first")
    }

    @Test func longValuesAreElidedInTheMiddle() {
        let value = String(repeating: "a", count: 100) + "MIDDLE" + String(repeating: "z", count: 100)
        let issue = InputIssue(path: "name", value: value, message: "'\(value)' is too long")
        #expect(issue.message == "'\(String(repeating: "a", count: 39))…\(String(repeating: "z", count: 39)) (206 characters)' is too long")
        #expect(TextElision.value("short") == "short")
        #expect(TextElision.line(String(repeating: "x", count: 5_000)).count < 1_100)
    }

    @Test func issuesBelowAnOverrideAreAttributedToIt() throws {
        let overrides = try InputOverride.list(parsing: ["patient={sex: male}"])
        let error = InputError(.data, source: "case.yaml", issues: [
            InputIssue(path: "patient.weight", message: "missing", line: 3),
            InputIssue(path: "therapy.modality", message: "unknown", line: 9),
        ])
        let lines = error.attributing(to: overrides).description.split(separator: "\n").map(String.init)
        #expect(lines == ["case.yaml: patient.weight (--set patient={sex: male}): missing", "case.yaml: therapy.modality (line 9): unknown"])
    }
}
