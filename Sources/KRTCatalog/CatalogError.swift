import KRTInput

/// Everything wrong with a catalog load: one ``InputError`` per file (each listing every issue of
/// that file with its field path), plus cross-file problems (duplicate names, inconsistent groups).
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public let errors: [InputError]

    public init(_ errors: [InputError]) { self.errors = errors }

    /// 64 when a folder is given twice, 66 when a folder or file is missing, otherwise 65 (bad data).
    public var exitCode: Int32 {
        for kind in [InputError.Kind.usage, .noInput] where errors.contains(where: { $0.kind == kind }) { return kind.rawValue }
        return InputError.Kind.data.rawValue
    }

    /// One line per issue, each prefixed by its file.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A product name that matches nothing in the catalog, with close names.
public struct LookupError: Error, Sendable, CustomStringConvertible {
    /// What was looked for: `fluid`, `supplement` or `product`.
    public let kind: String
    public let query: String
    /// Up to three product names close to the query.
    public let suggestions: [String]
    /// Extra guidance (e.g. why a bare PrismaSATE-style name has no alias).
    public let hint: String?

    public init(kind: String, query: String, suggestions: [String], hint: String? = nil) {
        self.kind = kind
        self.query = query
        self.suggestions = suggestions
        self.hint = hint
    }

    public var description: String {
        var text = "no \(kind) named '\(query)' in the catalog"
        if !suggestions.isEmpty {
            text += " (did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?)"
        }
        if let hint { text += "; \(hint)" }
        return text
    }
}
