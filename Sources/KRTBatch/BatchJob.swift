import Foundation
import KRTInput
import Synchronization

/// One input line of a batch, read: its id and the case document it stands for.
///
/// A line is a JSON object (JSON is YAML, so it goes through the same size-, depth- and duplicate-key-checked
/// reader as case files) with an `id` and either
/// - `case`: the case itself as a mapping, or
/// - `base`: the path of a case file (relative paths from the current folder), with an optional
/// - `set`: a mapping of field path → value, applied with the same override mechanism as `--set`.
public struct BatchJob: Sendable {
    /// 1-based line number in the input.
    public let line: Int
    public let id: String
    public let document: YAMLDocument
}

/// Why a line could not become a job (or its case could not be run): a result of its own, never an abort.
public struct LineFailure: Error, Sendable {
    public let id: String?
    public let message: String
    /// 64 usage, 65 bad data, 66 missing input (the same codes as the single-case commands).
    public let exitCode: Int32

    public init(id: String?, message: String, exitCode: Int32) {
        self.id = id
        self.message = message
        self.exitCode = exitCode
    }
}

/// Reads batch lines into jobs; base case files are read once and shared between lines and threads.
public final class BatchJobReader: Sendable {
    private let bases = Mutex<[String: Result<YAMLDocument, InputError>]>([:])
    static let keys = ["id", "case", "base", "set"]

    public init() {}

    public func job(line: Int, text: String) -> Result<BatchJob, LineFailure> {
        let document: YAMLDocument
        do { document = try YAMLDocument.parse(text, source: "line \(line)") } catch {
            return .failure(LineFailure(id: nil, message: "line \(line): not a valid JSON object: \(Self.message(error))", exitCode: 65))
        }
        guard case let .mapping(entries, _) = document.root else {
            return .failure(LineFailure(id: nil, message: "line \(line): expected a JSON object {\"id\": …, \"case\": {…}} or {\"id\": …, \"base\": …, \"set\": {…}}, got \(document.root.kindName)", exitCode: 65))
        }
        func value(_ key: String) -> InputNode? { entries.first { $0.key == key }?.value }
        var id: String?
        if case let .scalar(text, _)? = value("id"), !text.isEmpty, text.count <= 200 { id = text }
        func fail(_ message: String, _ code: Int32 = 65) -> Result<BatchJob, LineFailure> {
            .failure(LineFailure(id: id, message: "line \(line): \(message)", exitCode: code))
        }
        if let unknown = entries.first(where: { !Self.keys.contains($0.key) }) {
            return fail("unknown field '\(unknown.key)'; expected id, case, or base with set")
        }
        guard let jobID = id else { return fail("'id' is missing or not a text of 1 to 200 characters") }
        var base: YAMLDocument
        switch (value("case"), value("base")) {
        case (nil, nil): return fail("needs 'case' (the case as an object) or 'base' (a case file path)")
        case (.some, .some): return fail("give either 'case' or 'base', not both")
        case let (caseNode?, nil):
            guard case .mapping = caseNode else { return fail("'case' must be an object of case fields, got \(caseNode.kindName)") }
            do { base = try YAMLDocument.parse(caseNode.jsonText, source: "line \(line) case") } catch {
                return fail("'case': \(Self.message(error))")
            }
        case let (nil, baseNode?):
            guard case let .scalar(path, _) = baseNode, !path.isEmpty else { return fail("'base' must be a case file path") }
            switch loadBase(path) {
            case let .success(document): base = document
            case let .failure(error): return fail("base \(path): \(Self.message(error))", error.exitCode)
            }
        }
        if let set = value("set") {
            guard case let .mapping(changes, _) = set else { return fail("'set' must be an object of field path → value") }
            do {
                let overrides = try changes.map { change throws(InputError) in
                    try InputOverride(path: change.key, node: change.value, valueText: change.value.jsonText)
                }
                base = try base.applying(overrides)
            } catch {
                return fail("'set': \(Self.message(error))", 65)
            }
        }
        return .success(BatchJob(line: line, id: jobID, document: base))
    }

    private func loadBase(_ path: String) -> Result<YAMLDocument, InputError> {
        if let known = bases.withLock({ $0[path] }) { return known }
        let loaded: Result<YAMLDocument, InputError>
        do { loaded = .success(try YAMLDocument.load(path: path)) } catch { loaded = .failure(error) }
        bases.withLock { $0[path] = loaded }
        return loaded
    }

    static func message(_ error: InputError) -> String {
        error.issues.isEmpty ? error.description : error.issues.errors.map(\.description).joined(separator: "; ")
    }
}
