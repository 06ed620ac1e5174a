import KRTInput
import KRTUnits

/// Product-name matching: case-insensitive, and blind to spaces, `-` and `_`, so
/// `prismasol bgk 4/2.5`, `PRISMASOL BGK4/2.5` and `Prismasol-BGK4/2.5` are one name.
/// Digits, `/` and `.` are kept: `BGK4/2.5` and `BGK4/0` stay different.
public enum ProductName {
    /// The lookup key of a name.
    public static func normalized(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { !" \t-_".unicodeScalars.contains($0) }.map(Character.init))
    }
}

/// A catalog product as far as names go: fluids and supplements share one name space.
protocol NamedProduct: Sendable {
    var id: String { get }
    var name: String { get }
    var aliases: [String] { get }
    /// The data file it was read from.
    var file: String { get }
}

extension NamedProduct {
    /// Every spelling a lookup accepts, display name first: name, id, aliases.
    var spellings: [String] { [name, id] + aliases }
}

extension Formulation: NamedProduct {}
extension Supplement: NamedProduct {}

/// A lookup table from normalized names (ids, names, aliases) to products, with "did you mean".
struct NameIndex<Product: NamedProduct>: Sendable {
    private var table: [String: Int] = [:]
    /// (normalized spelling, display name) for suggestions.
    private var spellings: [(key: String, display: String)] = []
    private let products: [Product]

    /// The first product to claim a spelling keeps it (duplicates are refused at load time).
    init(_ products: [Product]) {
        self.products = products
        for (index, product) in products.enumerated() {
            let display = product.name
            for name in product.spellings {
                let key = ProductName.normalized(name)
                if table[key] == nil {
                    table[key] = index
                    spellings.append((key, display))
                }
            }
        }
    }

    func lookup(_ name: String) -> Product? {
        table[ProductName.normalized(name)].map { products[$0] }
    }

    /// Up to three product names close to `query`: names that contain it first, then the nearest by
    /// edit distance (at most a third of the query's length, minimum 2).
    func suggestions(for query: String) -> [String] {
        let key = ProductName.normalized(query)
        guard !key.isEmpty else { return [] }
        var result: [String] = []
        func add(_ display: String) { if !result.contains(display) { result.append(display) } }
        for spelling in spellings.sorted(by: { $0.key < $1.key }) where spelling.key.contains(key) {
            add(spelling.display)
        }
        let limit = max(2, key.count / 3)
        let near = spellings
            .map { (display: $0.display, distance: editDistance($0.key, key)) }
            .filter { $0.distance <= limit }
            .sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.display < $1.display }
        for candidate in near { add(candidate.display) }
        return Array(result.prefix(3))
    }
}
