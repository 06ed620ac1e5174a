import Foundation
import KRTInput
import KRTUnits

extension LabImporter {
    /// A FHIR R4 Bundle or a single Observation. Nesting is capped before decoding.
    static func readFHIR(_ text: String, source: String, options: LabImportOptions, into result: inout LabImportResult) throws(InputError) {
        let data = Data(text.utf8)
        if let (depth, offset) = JSONDepth.exceeds(data, limit: options.maxJSONDepth) {
            throw InputError(.data, source: source, value: "depth \(depth)",
                             message: "JSON nested deeper than \(options.maxJSONDepth) levels (at byte \(offset)); refusing to decode it (a FHIR lab export is a few levels deep)")
        }
        if text.unicodeScalars.first(where: { !" \t\r\n\u{FEFF}".unicodeScalars.contains($0) }) == "[" {
            throw InputError(.data, source: source, message: "a JSON list; expected a FHIR R4 Bundle or Observation (a JSON object with resourceType)")
        }
        let document: FHIRDocument
        do { document = try JSONDecoder().decode(FHIRDocument.self, from: data) } catch let error as FHIRDocument.BodyError {
            throw InputError(.data, source: source, path: path(of: error.underlying),
                             message: "\(error.resourceType) cannot be read: \(describe(error.underlying))")
        } catch {
            throw InputError(.data, source: source, message: "not valid JSON: \(describe(error)); expected a FHIR R4 Bundle or Observation")
        }
        switch document.content {
        case let .bundle(bundle):
            try readBundle(bundle, source: source, options: options, into: &result)
        case let .observation(observation):
            let log = IssueLog()
            var skipped: [String: Int] = [:]
            read(observation, path: .root, source: source, specimens: [:], options: options, log: log, skipped: &skipped, into: &result)
            try finish(log, skipped: skipped, source: source, into: &result)
        case .other(nil):
            throw InputError(.data, source: source, path: "resourceType", message: "no resourceType; expected a FHIR R4 Bundle or Observation")
        case let .other(other?):
            throw InputError(.data, source: source, path: "resourceType", value: other,
                             message: "resourceType '\(other)' is not read; expected a Bundle (searchset or collection) or an Observation")
        }
    }

    private static func finish(_ log: IssueLog, skipped: [String: Int], source: String, into result: inout LabImportResult) throws(InputError) {
        if log.hasErrors { throw InputError.capped(.data, source: source, issues: log.issues) }
        for issue in log.issues { result.issues.append((source, issue)) }
        noteSkipped(skipped, file: source, result: &result)
    }

    private static func readBundle(_ bundle: FHIRBundle, source: String, options: LabImportOptions, into result: inout LabImportResult) throws(InputError) {
        let entries = bundle.entry ?? []
        guard entries.count <= options.maxRecords else {
            throw InputError(.data, source: source, path: "entry", value: "\(entries.count) entries",
                             message: "\(entries.count) entries; the limit is \(options.maxRecords) per file")
        }
        let log = IssueLog()
        // Specimens in the Bundle, by `Specimen/id` and by fullUrl, for coded haemolysis.
        var specimens: [String: FHIRSpecimen] = [:]
        for entry in entries {
            guard case let .specimen(specimen) = entry.resource else { continue }
            if let id = specimen.id { specimens["Specimen/\(id)"] = specimen }
            if let url = entry.fullUrl { specimens[url] = specimen }
        }
        // A resource that appears more than once (an original and its correction): the latest version is used.
        var chosen: [Int: Bool] = [:]
        var byID: [String: [Int]] = [:]  // entry indices (not copies of the Observations: most ids occur once)
        byID.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            if case let .observation(observation) = entry.resource, let id = observation.id { byID[id, default: []].append(index) }
        }
        for (id, indices) in byID where indices.count > 1 {
            let versions = indices.compactMap { index -> (index: Int, observation: FHIRObservation)? in
                guard case let .observation(observation) = entries[index].resource else { return nil }
                return (index, observation)
            }
            guard let latest = latestVersion(versions.map(\.observation)) else {
                log.error(FieldPath().appending("entry").appending(index: versions[1].index), value: id,
                          "Observation id \(id) appears \(versions.count) times (entries \(versions.map { String($0.index) }.joined(separator: ", "))) without distinct meta.versionId or meta.lastUpdated; expected one version of each result")
                continue
            }
            for (position, version) in versions.enumerated() { chosen[version.index] = position == latest }
            let used = versions[latest]
            result.note(source, FieldPath().appending("entry").appending(index: used.index), value: id,
                        "Observation id \(id) appears \(versions.count) times; the latest version (entry[\(used.index)], status \(used.observation.status ?? "?")) is used, the others are superseded")
        }
        var skipped: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let path = FieldPath().appending("entry").appending(index: index).appending("resource")
            switch entry.resource {
            case let .observation(observation):
                if chosen[index] == false { continue }
                read(observation, path: path, source: source, specimens: specimens, options: options, log: log, skipped: &skipped, into: &result)
            case .specimen, .other:
                continue
            case .missing:
                log.error(path, "entry[\(index)] has no resource; expected an Observation")
            case let .undecodable(error):
                let where_ = pathText(of: error)
                log.error(where_.isEmpty ? path : FieldPath(parsing: where_), "entry[\(index)] cannot be read: \(describe(error))")
            }
        }
        try finish(log, skipped: skipped, source: source, into: &result)
    }

    /// The index of the latest of several versions of one resource, or `nil` when they cannot be ordered.
    private static func latestVersion(_ versions: [FHIRObservation]) -> Int? {
        let numbers = versions.map { $0.meta?.versionId.flatMap { Int($0) } }
        if numbers.allSatisfy({ $0 != nil }), Set(numbers).count == numbers.count {
            return numbers.indices.max { (numbers[$0] ?? 0) < (numbers[$1] ?? 0) }
        }
        let times = versions.map { $0.meta?.lastUpdated.flatMap { try? ClockTime.parse($0).date } }
        if times.allSatisfy({ $0 != nil }), Set(times).count == times.count {
            return times.indices.max { (times[$0] ?? .distantPast) < (times[$1] ?? .distantPast) }
        }
        return nil
    }

    /// One Observation: status, code, collection time, value and unit, flags, subject.
    static func read(_ observation: FHIRObservation, path: FieldPath, source file: String, specimens: [String: FHIRSpecimen],
                     options: LabImportOptions, log: IssueLog, skipped: inout [String: Int], into result: inout LabImportResult) {
        let source = LabSource(file: file, path: path, id: observation.id)
        var name: String { source.place }  // only for messages: built when one is written
        // What the result measures.
        let codings = (observation.code?.coding ?? []).filter { $0.system == LabCode.system }
        let known = codings.compactMap { $0.code.flatMap(LabCode.loinc) }
        guard let code = known.first else {
            if observation.code == nil {
                log.error(path.appending("code"), "\(name): no code; expected a LOINC coding (e.g. 2823-3 for serum potassium)")
            } else {
                let shown = codings.first?.code ?? observation.code?.coding?.first?.code ?? observation.code?.text ?? "(no code)"
                skipped[shown, default: 0] += 1
            }
            return
        }
        if known.contains(where: { $0.analyte != code.analyte }) {
            log.error(path.appending("code"), value: known.map(\.code).joined(separator: ", "),
                      "\(name): codes of different tests (\(known.map(\.code).joined(separator: ", "))); expected one test per Observation")
            return
        }
        // Status.
        var flags: Set<LabFlag> = []
        switch decide(status: observation.status, allowPreliminary: options.allowPreliminary) {
        case let .invalid(message): log.error(path.appending("status"), value: observation.status, "\(name): \(message)"); return
        case let .drop(reason):
            result.note(file, path.appending("status"), value: observation.status, "\(name) (\(code.analyte.rawValue)): \(reason)")
            return
        case .usePreliminary: flags.insert(.preliminary)
        case .use: break
        }
        // Collection time (never `issued`, the report time).
        let timeField: (key: String, text: String)? = observation.effectiveDateTime.map { ("effectiveDateTime", $0) }
            ?? observation.effectivePeriod?.start.map { ("effectivePeriod.start", $0) }
            ?? observation.effectiveInstant.map { ("effectiveInstant", $0) }
        guard let timeField else {
            let issued = observation.issued.map { " (issued \($0) is the report time and is not used)" } ?? ""
            log.error(path.appending("effectiveDateTime"), "\(name): no collection time\(issued); expected effectiveDateTime or effectivePeriod.start")
            return
        }
        let time: ClockTime
        do { time = try ClockTime.parse(timeField.text, timeZone: options.timeZone) } catch {
            log.error(path.appending(timeField.key), value: timeField.text, "\(name): \(error.description)")
            return
        }
        // The value: a quantity only.
        guard let quantity = observation.valueQuantity else {
            if let text = observation.valueString {
                result.note(file, path.appending("valueString"), value: text,
                            "\(name) (\(code.analyte.rawValue)): valueString '\(text)' is not a number; not imported (a value such as '<0.3' is never guessed)")
            } else if observation.dataAbsentReason != nil {
                result.note(file, path.appending("dataAbsentReason"), "\(name) (\(code.analyte.rawValue)): no value (dataAbsentReason); not imported")
            } else {
                log.error(path.appending("valueQuantity"), "\(name): no valueQuantity; expected a value with a UCUM unit")
            }
            return
        }
        if let comparator = quantity.comparator {
            result.note(file, path.appending("valueQuantity.comparator"), value: comparator,
                        "\(name) (\(code.analyte.rawValue)): a censored value ('\(comparator) \(quantity.value.map(Quantity.format) ?? "?")'); not imported, never guessed")
            return
        }
        guard let value = quantity.value, value.isFinite else {
            log.error(path.appending("valueQuantity.value"), "\(name): valueQuantity has no value; expected a number")
            return
        }
        let isUCUM = quantity.system == nil || quantity.system == "http://unitsofmeasure.org"
        guard let unitText = (isUCUM ? quantity.code ?? quantity.unit : quantity.unit ?? quantity.code) else {
            log.error(path.appending("valueQuantity.code"), value: Quantity.format(value), "\(name): \(Quantity.format(value)) has no unit; expected a UCUM code such as mmol/L")
            return
        }
        let unitKey = isUCUM && quantity.code != nil ? "valueQuantity.code" : "valueQuantity.unit"
        let unit: KRTUnits.Unit
        switch LabImporter.unit(unitText) {
        case let .failure(error): log.error(path.appending(unitKey), value: unitText, "\(name) (\(code.analyte.rawValue)): \(error.description)"); return
        case let .success(found): unit = found
        }
        guard let millimoles = convert(value, unit: unit, analyte: code.analyte, code: code, options: options,
                                       at: path.appending("valueQuantity"), line: nil, file: file, log: log, result: &result) else { return }
        // Flags.
        if code.wholeBlood, code.analyte == .potassium { flags.insert(.wholeBlood) }
        var conditions = observation.interpretation ?? []
        if let reference = observation.specimen?.reference {
            if reference.hasPrefix("#") {
                conditions += (observation.contained ?? []).filter { "#\($0.id ?? "")" == reference }.flatMap { $0.condition ?? [] }
            } else if let specimen = specimens[reference] {
                conditions += specimen.condition ?? []
            }
        }
        if SpecimenCondition.isHaemolysed(conditions) {
            flags.insert(.haemolysed)
        } else if (observation.note ?? []).contains(where: { ($0.text ?? "").lowercased().contains("hemoly") || ($0.text ?? "").lowercased().contains("haemoly") }) {
            result.note(file, path.appending("note"), "\(name) (\(code.analyte.rawValue)): a note mentions haemolysis but it is not coded (v2-0493 HEM); not flagged — check the sample and add haemolysed: true if so")
        }
        if let subject = observation.subject?.reference { result.subjects.append((subject, source)) }
        result.observations.append(LabObservation(source: source, time: time, analyte: code.analyte, quantity: Quantity(value, unit),
                                                  millimolesPerLitre: millimoles, flags: flags))
    }

    // MARK: - Decoding errors

    /// `the value at entry[3].resource.valueQuantity.value is not a number` rather than Foundation's debug text.
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case let .typeMismatch(type, context):
            return "\(where_(context)) expected \(typeName(type))"
        case let .valueNotFound(type, context):
            return "\(where_(context)) expected \(typeName(type)), found null"
        case let .keyNotFound(key, context):
            return "\(where_(context)) missing '\(key.stringValue)'"
        case let .dataCorrupted(context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return context.codingPath.isEmpty ? (underlying ?? context.debugDescription) : "\(where_(context)) \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func where_(_ context: DecodingError.Context) -> String {
        context.codingPath.isEmpty ? "at the top level" : "at \(pathText(context.codingPath)):"
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type: "a number"
        case is String.Type: "a text value"
        case is Array<Any>.Type: "a list"
        default: "\(type)".contains("Array") ? "a list" : "an object"
        }
    }

    static func pathText(_ codingPath: [CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return text
    }

    static func path(of error: Error) -> FieldPath {
        FieldPath(parsing: pathText(of: error))
    }

    static func pathText(of error: Error) -> String {
        guard let error = error as? DecodingError else { return "" }
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .keyNotFound(_, context), let .dataCorrupted(context):
            return pathText(context.codingPath)
        @unknown default:
            return ""
        }
    }
}
