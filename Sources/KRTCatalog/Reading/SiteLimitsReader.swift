import KRTInput
import KRTUnits

/// Reads a site's limits file and applies it: any supplement limit or gate, and any compounding
/// limit, can be replaced without editing the package (format: docs/formulations.md).
///
/// Entries default to `basis: local-policy` and `confidence: confirmed` (the site's own document);
/// each must cite a source from the file's `sources`. Limits can be changed, never removed.
enum SiteLimitsReader {
    static let keys = ["site", "sources", "supplements", "compounding", "notes"]

    /// - Returns: the notices of limits the file declares looser than the label (``SitePolicy``).
    static func apply(_ document: YAMLDocument, to supplements: inout [Supplement], compounding: inout CompoundingLimits,
                      log: IssueLog) -> [String] {
        var notices: [String] = []
        let root = document.field(log: log)
        guard root.expectMapping(allowedKeys: keys) else { return notices }
        _ = root["site"].string(expected: "who set these limits, e.g. 'Example Hospital ICU pharmacy'")
        _ = root["notes"].stringList(required: false)
        let sources = SourceTable.read(root["sources"], defaultConfidence: .confirmed)
        let origin = LimitOrigin.siteLimits(file: document.source)
        let overrides = root["supplements"]
        if overrides.isPresent, overrides.expectMapping(allowedKeys: overrides.keys,
                                                        expected: "a mapping of supplement ids to their limits") {
            for id in overrides.keys {
                guard let index = supplements.firstIndex(where: { $0.id == id }) else {
                    let hint = Field.closest(to: id, among: supplements.map(\.id)).map { " (did you mean '\($0)'?)" } ?? ""
                    overrides[id].error(value: id, "no supplement has the id '\(id)'\(hint)")
                    continue
                }
                let product = supplements[index]
                let reader = LimitReader(
                    sources: sources, origin: origin, defaultBasis: .localPolicy,
                    conversion: LimitConversion(primary: product.primarySolute, content: product.contentPerUnit,
                                                compound: product.compound))
                let field = overrides[id]
                let limits = SupplementReader.readLimits(field, reader: reader, base: product.limits, extraKeys: ["gate"])
                let gate = field["gate"].isPresent
                    ? SupplementReader.readGate(field["gate"], sources: sources, origin: origin, defaultBasis: .localPolicy)
                    : product.gate
                if let limits, !field["gate"].isPresent || gate != nil {
                    // A refused entry is not applied: the product keeps the catalog's limits.
                    let errorsBefore = log.issues.filter { $0.severity == .error }.count
                    notices += SitePolicy.checkSupplement(field, product: product, new: limits, newGate: gate, file: document.source)
                    if log.issues.filter({ $0.severity == .error }).count == errorsBefore {
                        supplements[index] = product.replacing(limits: limits, gate: gate)
                    }
                }
            }
        }
        if root["compounding"].isPresent,
           let limits = CompoundingLimits.read(root["compounding"], sources: sources, origin: origin,
                                               defaultBasis: .localPolicy, base: compounding) {
            notices += SitePolicy.checkCompounding(root["compounding"], limits: limits, file: document.source)
            compounding = limits
        }
        return notices
    }
}
