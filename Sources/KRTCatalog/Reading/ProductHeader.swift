import KRTInput

/// The fields every product file starts with: `id`, `name`, `aliases`, `notes`.
struct ProductHeader {
    let id: String
    let name: String
    let aliases: [String]
    let notes: [String]

    static let keys = ["id", "name", "aliases", "notes"]

    /// Reads the header; `id` must equal the file name without `.yaml`, so a product is found by file.
    static func read(_ root: Field, fileStem: String) -> ProductHeader? {
        let idField = root["id"]
        var id = idField.string(expected: "the product id (lower-case letters, digits, '-' and '.')")
        if let text = id {
            let allowed = "abcdefghijklmnopqrstuvwxyz0123456789-."
            if text.contains(where: { !allowed.contains($0) }) || text.first == "-" || text.first == "." {
                idField.error(value: text, "'\(text)' is not a valid id; use lower-case letters, digits, '-' and '.'")
                id = nil
            } else if text != fileStem {
                idField.error(value: text, "id '\(text)' does not match the file name '\(fileStem).yaml'; rename one of them")
                id = nil
            }
        }
        let name = root["name"].string(expected: "the product name as labelled")
        let aliases = root["aliases"].stringList(required: false, expected: "a list of other names") ?? []
        let notes = root["notes"].stringList(required: false, expected: "a list of notes") ?? []
        guard let id, let name else { return nil }
        return ProductHeader(id: id, name: name, aliases: aliases, notes: notes)
    }
}
