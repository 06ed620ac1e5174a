import Foundation
import KRTInput
import KRTUnits

extension Catalog {
    /// Loads catalog folders and, optionally, a site limits file.
    ///
    /// Each folder may hold `fluids/*.yaml`, `supplements/*.yaml` and `compounding.yaml` (at most one
    /// folder may hold `compounding.yaml`). Pass the bundled folder first (``CatalogLocation``) and a
    /// site's own folders after it: a site adds products without editing the package. Names, ids and
    /// aliases must be unique across all folders. Every problem in every file is collected before
    /// failing.
    ///
    /// - Throws: ``CatalogError`` (exit 66 when a folder or file is missing, 65 for bad data).
    public static func load(directories: [String], limitsFile: String? = nil,
                            limits: InputLimits = .standard) throws(CatalogError) -> Catalog {
        var loader = CatalogLoader(limits: limits)
        for directory in directories { loader.readFolder(directory) }
        loader.checkUniqueNames()
        if let limitsFile { loader.applySiteLimits(limitsFile) }
        loader.checkGroups()
        guard loader.errors.isEmpty else { throw CatalogError(loader.errors) }
        return Catalog(fluids: loader.fluids, supplements: loader.supplements, compounding: loader.compounding,
                       sha256: loader.hash, directories: directories, limitsFile: limitsFile,
                       labelExceedances: loader.labelExceedances)
    }
}

/// The state of one catalog load.
struct CatalogLoader {
    let limits: InputLimits
    var fluids: [Formulation] = []
    var supplements: [Supplement] = []
    var compounding = CompoundingLimits()
    var compoundingFile: String?
    var errors: [InputError] = []
    /// Resolved paths of the folders read so far (a folder given twice would load every product twice).
    var folders: [String] = []
    /// `kind:canonical text` of every file read, for the hash.
    var canonicalTexts: [String] = []
    /// Notices of values a file declares beyond the label or a plausibility ceiling (``SitePolicy``).
    var labelExceedances: [String] = []

    init(limits: InputLimits) { self.limits = limits }

    static let compoundingFileName = "compounding.yaml"

    mutating func readFolder(_ directory: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            errors.append(InputError(.noInput, source: directory, message: "catalog folder not found"))
            return
        }
        let resolved = URL(fileURLWithPath: directory).resolvingSymlinksInPath().standardizedFileURL.path
        guard !folders.contains(resolved) else {
            errors.append(InputError(.usage, source: directory, message: "this catalog folder is given twice; give each folder once"))
            return
        }
        folders.append(resolved)
        let fluidFiles = yamlFiles(in: directory + "/fluids")
        let supplementFiles = yamlFiles(in: directory + "/supplements")
        let compoundingPath = directory + "/" + Self.compoundingFileName
        let hasCompounding = FileManager.default.fileExists(atPath: compoundingPath)
        guard fluidFiles != nil || supplementFiles != nil || hasCompounding else {
            errors.append(InputError(.noInput, source: directory,
                                     message: "no fluids/, supplements/ or \(Self.compoundingFileName) in this folder"))
            return
        }
        for path in fluidFiles ?? [] {
            guard let (document, stem) = parse(path) else { continue }
            let log = IssueLog()
            if let fluid = FormulationReader.read(document, fileStem: stem, log: log) {
                labelExceedances += SitePolicy.checkFluid(document.field(log: log), fluid: fluid)
                fluids.append(fluid)
            }
            record(document, kind: "fluid", log: log)
        }
        for path in supplementFiles ?? [] {
            guard let (document, stem) = parse(path) else { continue }
            let log = IssueLog()
            if let supplement = SupplementReader.read(document, fileStem: stem, log: log) {
                labelExceedances += SitePolicy.checkPotassiumInfusion(document.field(log: log), supplement: supplement)
                supplements.append(supplement)
            }
            record(document, kind: "supplement", log: log)
        }
        if hasCompounding { readCompounding(compoundingPath) }
    }

    /// The `.yaml`/`.yml` files of a folder, sorted; `nil` when the folder does not exist.
    func yamlFiles(in folder: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        return names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted()
            .map { folder + "/" + $0 }
    }

    /// Parses one file (size, UTF-8, YAML checks); records the error and returns `nil` when it fails.
    mutating func parse(_ path: String) -> (document: YAMLDocument, stem: String)? {
        do {
            let document = try YAMLDocument.load(path: path, limits: limits)
            let fileName = (path as NSString).lastPathComponent
            return (document, (fileName as NSString).deletingPathExtension)
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// Records a read file's issues and its canonical text (for the hash).
    mutating func record(_ document: YAMLDocument, kind: String, log: IssueLog) {
        if log.hasErrors { errors.append(InputError(.data, source: document.source, issues: log.issues)) }
        canonicalTexts.append(kind + ":" + CanonicalText.of(document.root))
    }

    mutating func readCompounding(_ path: String) {
        if let compoundingFile {
            errors.append(InputError(.data, source: path, message:
                "a second \(Self.compoundingFileName) (the first is \(compoundingFile)); a site changes compounding limits in its limits file"))
            return
        }
        compoundingFile = path
        guard let (document, _) = parse(path) else { return }
        let log = IssueLog()
        let root = document.field(log: log)
        let sources = SourceTable.read(root["sources"])
        _ = root["notes"].stringList(required: false)
        if let limits = CompoundingLimits.read(root, sources: sources, origin: .catalog(file: path), defaultBasis: nil,
                                               base: CompoundingLimits(), extraKeys: ["sources", "notes"]) {
            labelExceedances += SitePolicy.checkCompounding(root, limits: limits, file: path)
            compounding = limits
        }
        record(document, kind: "compounding", log: log)
    }

    mutating func applySiteLimits(_ path: String) {
        guard let (document, _) = parse(path) else { return }
        let log = IssueLog()
        labelExceedances += SiteLimitsReader.apply(document, to: &supplements, compounding: &compounding, log: log)
        record(document, kind: "limits", log: log)
    }

    /// Ids, names and aliases must be unique across every fluid and supplement file.
    mutating func checkUniqueNames() {
        var owners: [String: (product: String, file: String)] = [:]
        let products: [any NamedProduct] = fluids + supplements
        for product in products {
            let spellings: [(path: FieldPath, text: String)] = [("name", product.name), ("id", product.id)]
                + product.aliases.enumerated().map { (FieldPath("aliases").appending(index: $0), $1) }
            var issues: [InputIssue] = []
            for spelling in spellings {
                let key = ProductName.normalized(spelling.text)
                if let owner = owners[key], owner.file != product.file {
                    issues.append(InputIssue(path: spelling.path, value: spelling.text, message:
                        "'\(spelling.text)' is already used by '\(owner.product)' in \(owner.file); ids, names and aliases "
                            + "must be unique across all catalog folders (case, spaces, '-' and '_' are ignored)"))
                } else {
                    owners[key] = (product.id, product.file)
                }
            }
            if !issues.isEmpty { errors.append(InputError(.data, source: product.file, issues: issues)) }
        }
    }

    /// Products of one group must state the same per-24 h and per-48 h limits (they cap the group's total).
    mutating func checkGroups() {
        let groups = Dictionary(grouping: supplements.filter { $0.group != nil }) { $0.group ?? "" }
        for (group, members) in groups.sorted(by: { $0.key < $1.key }) where members.count > 1 {
            for (name, limit) in [("max_per_24h", \Supplement.maxPer24h), ("max_per_48h", \Supplement.maxPer48h)] {
                let values = members.map { $0[keyPath: limit]?.value }
                guard let first = values.first, values.contains(where: { !Self.same($0, first) }) else { continue }
                let listing = zip(members, values).map { "\($0.id): " + ($1.map { Quantity.format($0) + " mmol" } ?? "none") }
                errors.append(InputError(.data, source: members[0].file, path: FieldPath("limits").appending(name), message:
                    "products of group '\(group)' state different \(name) limits (\(listing.joined(separator: "; "))); "
                        + "the limit caps the group's total, so give every member the same value "
                        + "(in the site limits file when you override one)"))
            }
        }
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (x?, y?): abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
        default: false
        }
    }

    /// SHA-256 over the sorted canonical texts, each prefixed by its length so entries cannot run together.
    var hash: String {
        SHA256.hex(canonicalTexts.sorted().map { "\($0.utf8.count):\($0)" }.joined(separator: "\n"))
    }
}
