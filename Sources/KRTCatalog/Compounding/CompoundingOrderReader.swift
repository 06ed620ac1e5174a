import KRTInput
import KRTUnits

/// Reads a compounding order file (format: docs/formulations.md):
///
/// ```yaml
/// base: Prismasol BGK2/0
/// volume: 5000 mL            # optional; default: the bag volume
/// bag_mixed: true            # optional; states the chambers are mixed
/// k_free: false              # optional; the bag must stay potassium-free
/// additives:
///   - potassium chloride 10 mmol
///   - {product: potassium phosphate, amount: 5 mmol}
/// ```
public enum CompoundingOrderReader {
    static let keys = ["base", "volume", "bag_mixed", "k_free", "additives", "note"]

    /// - Throws: ``InputError`` with every problem in the file (66 missing, 65 bad data).
    public static func read(path: String, catalog: Catalog) throws(InputError) -> CompoundingOrder {
        let document = try YAMLDocument.load(path: path)
        let log = IssueLog()
        let order = read(document.field(log: log), catalog: catalog)
        try log.throwIfErrors(source: path)
        guard let order else { throw InputError(.data, source: path, message: "the order could not be read") }
        return order
    }

    static func read(_ root: Field, catalog: Catalog) -> CompoundingOrder? {
        guard root.expectMapping(allowedKeys: keys) else { return nil }
        _ = root["note"].string(required: false)
        var base: Formulation?
        if let name = root["base"].string(expected: "the KRT fluid's name, e.g. 'Prismasol BGK2/0'") {
            do { base = try catalog.resolveFluid(name) } catch { root["base"].error(value: name, error.description) }
        }
        var volume: Double?
        if root["volume"].isPresent, let quantity = root["volume"].quantity(.volume) {
            volume = try? quantity.canonicalValue()
            if let litres = volume, litres <= 0 {
                root["volume"].error(value: quantity.description, "\(quantity) is not a positive volume")
            }
        }
        let mixed = root["bag_mixed"].isPresent ? root["bag_mixed"].bool() : nil
        let potassiumFree = root["k_free"].isPresent ? (root["k_free"].bool() ?? false) : false
        var additives: [AdditiveOrder] = []
        for item in root["additives"].list(required: false, expected: "a list of additives") ?? [] {
            if let additive = readAdditive(item, catalog: catalog) { additives.append(additive) }
        }
        guard let base else { return nil }
        return CompoundingOrder(base: base, volume: volume, additives: additives, potassiumFree: potassiumFree, bagMixed: mixed)
    }

    /// `"potassium chloride 10 mmol"` or `{product: potassium chloride, amount: 10 mmol}`.
    static func readAdditive(_ field: Field, catalog: Catalog) -> AdditiveOrder? {
        let name: String
        let amount: Quantity
        if case .scalar? = field.node {
            guard let text = field.string() else { return nil }
            do {
                (name, amount) = try AdditiveText.split(text)
            } catch {
                field.error(value: text, error.description)
                return nil
            }
        } else {
            guard field.expectMapping(allowedKeys: ["product", "amount"]),
                  let product = field["product"].string(expected: "the additive's name, e.g. 'potassium chloride'"),
                  let quantity = field["amount"].quantity(.amount) else { return nil }
            (name, amount) = (product, quantity)
        }
        do {
            return try AdditiveOrder(supplement: catalog.resolveSupplement(name), requested: amount)
        } catch let error as LookupError {
            field.error(value: name, error.description)
        } catch {
            field.error(value: amount.description, "\(error)")
        }
        return nil
    }
}
