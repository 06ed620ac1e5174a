import Foundation
import Testing
import KRTUnits
@testable import KRTInput

struct YAMLDocumentTests {
    func parse(_ text: String, limits: InputLimits = .standard) throws(InputError) -> YAMLDocument {
        try YAMLDocument.parse(text, source: "test.yaml", limits: limits)
    }

    func firstMessage(_ text: String, limits: InputLimits = .standard) -> String {
        do { _ = try parse(text, limits: limits); return "(no error)" } catch { return error.issues.first?.message ?? "" }
    }

    @Test func readsNestedFieldsWithPaths() throws {
        let document = try parse("""
            patient:
              weight: 82 kg
            therapy:
              replacement:
                - {position: post, flow: 500 mL/h}
            """)
        let log = IssueLog()
        let root = document.field(log: log)
        #expect(root["patient"]["weight"].canonical(.bodyMass) == 82)
        let replacement = try #require(root["therapy"]["replacement"].list())
        #expect(replacement[0]["flow"].canonical(.flow) == 0.5)
        #expect(replacement[0]["flow"].path.description == "therapy.replacement[0].flow")
        #expect(!log.hasErrors)
    }

    @Test func emptyFileIsAnError() {
        #expect(firstMessage("").contains("empty"))
        #expect(firstMessage("# only a comment\n").contains("empty"))
    }

    @Test func duplicateKeysAreNamed() {
        let message = firstMessage("weight: 80 kg\nweight: 82 kg\n")
        #expect(message.contains("duplicate key 'weight'"))
    }

    @Test func syntaxErrorsGiveALine() {
        let message = firstMessage("patient:\n  weight: [82 kg\n")
        #expect(message.contains("line"))
    }

    @Test func anchorsAndAliasesAreRefused() {
        let message = firstMessage("a: &x {k: 1}\nb: *x\n")
        #expect(message.contains("anchors and aliases"))
    }

    @Test func anchorLikeTextInsideValuesIsNotRefused() throws {
        let document = try parse("note: 'a & b * c'\nformula: 2 * 3 & more # *comment\nlist: [a, b]\n")
        let log = IssueLog()
        #expect(document.field(log: log)["formula"].string() == "2 * 3 & more")
    }

    @Test func aliasBombIsRefusedQuickly() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let message = firstMessage(text)
        #expect(message.contains("anchors and aliases") || message.contains("more than"))
    }

    @Test func nodeLimitIsEnforced() {
        let text = "items: [" + Array(repeating: "1", count: 500).joined(separator: ", ") + "]\n"
        let message = firstMessage(text, limits: InputLimits(maxBytes: 1 << 20, maxNodes: 100, maxDepth: 32))
        #expect(message.contains("more than 100 values"))
    }

    @Test func depthLimitIsEnforced() {
        let text = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(firstMessage(text).contains("nesting deeper"))
    }

    @Test func unknownFieldsSuggestTheClosestName() {
        let log = IssueLog()
        let root = try? parse("wieght: 82 kg\n").field(log: log)
        root?.expectMapping(allowedKeys: ["weight", "sex", "hematocrit"])
        #expect(log.issues.first?.message.contains("did you mean 'weight'") == true)
        #expect(log.issues.first?.path.description == "wieght")
    }

    @Test func bareNumbersAndWrongUnitsNameTheField() throws {
        let log = IssueLog()
        let root = try parse("weight: 82\nblood_flow: 150 mL/h\nk: 4 mmol/L\n").field(log: log)
        #expect(root["weight"].canonical(.bodyMass) == nil)
        #expect(root["blood_flow"].quantity(.concentration) == nil)
        #expect(root["k"].canonical(.concentration, solute: .potassium) == 4)
        let messages = log.issues.map(\.description)
        #expect(messages.count == 2)
        #expect(messages[0].hasPrefix("weight (line 1): 82 has no unit"))
        #expect(messages[1].contains("blood_flow") && messages[1].contains("mL/h"))
    }

    @Test func multipleDimensionsAreOffered() throws {
        let log = IssueLog()
        let root = try parse("dose: 25 mL/kg/h\nbad: 25 kg\n").field(log: log)
        #expect(root["dose"].quantity([.flow, .weightNormalizedFlow])?.dimension == .weightNormalizedFlow)
        #expect(root["bad"].quantity([.flow, .weightNormalizedFlow]) == nil)
        #expect(log.issues.first?.message.contains("unit of body mass") == true)
    }

    @Test func booleansAreStrict() throws {
        let log = IssueLog()
        let root = try parse("a: true\nb: yes\n").field(log: log)
        #expect(root["a"].bool() == true)
        #expect(root["b"].bool() == nil)
        #expect(log.issues.count == 1)
    }

    @Test func choicesListTheAllowedValues() throws {
        enum Sex: String, CaseIterable { case male, female }
        let log = IssueLog()
        let root = try parse("sex: mail\n").field(log: log)
        #expect(root["sex"].choice(Sex.self) == nil)
        #expect(log.issues.first?.message.contains("did you mean 'male'") == true)
    }
}

struct InputFileTests {
    func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "krtplan-input-\(UUID().uuidString)-\(name)"
    }

    @Test func missingFileAndDirectoryAreNoInput() {
        #expect(throws: InputError.self) { try InputFile.readText(at: "/nonexistent/case.yaml") }
        do { _ = try InputFile.readText(at: NSTemporaryDirectory()) } catch {
            #expect(error.kind == .noInput)
            #expect(error.description.contains("directory"))
        }
    }

    @Test func oversizedFileIsRefused() throws {
        let path = temporaryPath("big.yaml")
        try Data(repeating: 0x61, count: 2048).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try InputFile.readText(at: path, limits: InputLimits(maxBytes: 1024))
            Issue.record("expected a size error")
        } catch {
            #expect(error.kind == .data)
            #expect(error.description.contains("the limit is 1024 bytes"))
        }
    }

    @Test func invalidUTF8IsReportedWithItsOffset() {
        do {
            _ = try InputFile.decodeUTF8(Array("ab".utf8) + [0xFF, 0x41], source: "x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("byte 2 (0xFF)"))
        }
    }
}

struct SHA256Tests {
    @Test func standardVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)).count == 64)
    }
}

struct FieldPathTests {
    @Test func parsesAndPrints() {
        let path = FieldPath(parsing: "therapy.replacement[0].flow")
        #expect(path.description == "therapy.replacement[0].flow")
        #expect(path.lastKey == "flow")
        #expect(FieldPath.root.description == "(top level)")
    }
}
