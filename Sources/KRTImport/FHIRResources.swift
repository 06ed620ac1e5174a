import Foundation

// The few FHIR R4 data types a lab import needs (https://hl7.org/fhir/R4/observation.html), decoded with
// Codable. Unknown elements are ignored; every element is optional so that a missing one is reported by
// the importer with its path, not by the decoder.

/// `Coding`: one code in one code system.
public struct FHIRCoding: Codable, Sendable, Hashable {
    public var system: String?
    public var code: String?
    public var display: String?

    public init(system: String? = nil, code: String? = nil, display: String? = nil) {
        self.system = system
        self.code = code
        self.display = display
    }
}

/// `CodeableConcept`: codings plus text.
public struct FHIRCodeableConcept: Codable, Sendable, Hashable {
    public var coding: [FHIRCoding]?
    public var text: String?

    public init(coding: [FHIRCoding]? = nil, text: String? = nil) {
        self.coding = coding
        self.text = text
    }
}

/// `Quantity`: a decimal value with a UCUM unit (`system` http://unitsofmeasure.org, `code`), or free text in `unit`.
public struct FHIRQuantity: Codable, Sendable, Hashable {
    public var value: Double?
    public var comparator: String?
    public var unit: String?
    public var system: String?
    public var code: String?

    public init(value: Double? = nil, comparator: String? = nil, unit: String? = nil, system: String? = nil, code: String? = nil) {
        self.value = value
        self.comparator = comparator
        self.unit = unit
        self.system = system
        self.code = code
    }
}

/// `Reference`: a literal reference such as `Patient/example` or `#contained-id`.
public struct FHIRReference: Codable, Sendable, Hashable {
    public var reference: String?
    public var display: String?

    public init(reference: String? = nil, display: String? = nil) {
        self.reference = reference
        self.display = display
    }
}

/// `Period`: start and end date-times (text, as written).
public struct FHIRPeriod: Codable, Sendable, Hashable {
    public var start: String?
    public var end: String?

    public init(start: String? = nil, end: String? = nil) {
        self.start = start
        self.end = end
    }
}

/// `Annotation`: a free-text note.
public struct FHIRAnnotation: Codable, Sendable, Hashable {
    public var text: String?

    public init(text: String? = nil) { self.text = text }
}

/// `Meta`: the version of a resource.
public struct FHIRMeta: Codable, Sendable, Hashable {
    public var versionId: String?
    public var lastUpdated: String?

    public init(versionId: String? = nil, lastUpdated: String? = nil) {
        self.versionId = versionId
        self.lastUpdated = lastUpdated
    }
}

/// A `Specimen` (contained in an Observation or an entry of the Bundle): only its condition is read.
public struct FHIRSpecimen: Codable, Sendable, Hashable {
    public var resourceType: String?
    public var id: String?
    public var condition: [FHIRCodeableConcept]?

    public init(resourceType: String? = "Specimen", id: String? = nil, condition: [FHIRCodeableConcept]? = nil) {
        self.resourceType = resourceType
        self.id = id
        self.condition = condition
    }
}

/// An `Observation` with the elements a lab import reads. `issued` (the report time) is decoded only so that
/// a result with `issued` and no collection time can be named precisely; it is never used as the time.
public struct FHIRObservation: Codable, Sendable, Hashable {
    public var resourceType: String?
    public var id: String?
    public var meta: FHIRMeta?
    public var status: String?
    public var code: FHIRCodeableConcept?
    public var subject: FHIRReference?
    public var effectiveDateTime: String?
    public var effectiveInstant: String?
    public var effectivePeriod: FHIRPeriod?
    public var issued: String?
    public var valueQuantity: FHIRQuantity?
    public var valueString: String?
    public var dataAbsentReason: FHIRCodeableConcept?
    public var interpretation: [FHIRCodeableConcept]?
    public var note: [FHIRAnnotation]?
    public var specimen: FHIRReference?
    public var contained: [FHIRSpecimen]?

    public init(id: String? = nil, status: String? = nil, code: FHIRCodeableConcept? = nil, subject: FHIRReference? = nil,
                effectiveDateTime: String? = nil, valueQuantity: FHIRQuantity? = nil) {
        resourceType = "Observation"
        self.id = id
        self.status = status
        self.code = code
        self.subject = subject
        self.effectiveDateTime = effectiveDateTime
        self.valueQuantity = valueQuantity
    }
}

/// The `resourceType` of any resource, read first to decide how to decode the rest.
struct FHIRResourceHeader: Decodable {
    var resourceType: String?
}

/// One `Bundle.entry`: the resource kept as raw decoding result, so one bad entry is reported by its index
/// and does not hide the others.
struct FHIRBundleEntry: Decodable {
    enum Resource {
        case observation(FHIRObservation)
        case specimen(FHIRSpecimen)
        case other(String?)
        case missing
        case undecodable(DecodingError)
    }

    var fullUrl: String?
    var resource: Resource

    enum CodingKeys: String, CodingKey { case fullUrl, resource }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fullUrl = try? container.decodeIfPresent(String.self, forKey: .fullUrl)
        guard container.contains(.resource) else { resource = .missing; return }
        // Most entries are Observations: decode one directly and look at its resourceType (one pass over the
        // resource's keys). Anything else, or an Observation that cannot be read, goes by the header as before,
        // so the outcome and the error are the same as reading the header first.
        if let observation = try? container.decode(FHIRObservation.self, forKey: .resource), observation.resourceType == "Observation" {
            resource = .observation(observation)
            return
        }
        do {
            let header = try container.decode(FHIRResourceHeader.self, forKey: .resource)
            switch header.resourceType {
            case "Observation": resource = .observation(try container.decode(FHIRObservation.self, forKey: .resource))
            case "Specimen": resource = .specimen(try container.decode(FHIRSpecimen.self, forKey: .resource))
            default: resource = .other(header.resourceType)
            }
        } catch let error as DecodingError {
            resource = .undecodable(error)
        }
    }
}

/// A whole export read in one decoding pass: the `resourceType` first, then the Bundle or Observation from the
/// same parsed text (decoding the header and the body separately would parse the text twice).
struct FHIRDocument: Decodable {
    enum Content {
        case bundle(FHIRBundle)
        case observation(FHIRObservation)
        case other(String?)
    }

    /// The body of a Bundle or Observation could not be decoded (the text itself is valid JSON with a resourceType).
    struct BodyError: Error {
        let resourceType: String
        let underlying: Error
    }

    var content: Content

    init(from decoder: Decoder) throws {
        let header = try FHIRResourceHeader(from: decoder)
        do {
            switch header.resourceType {
            case "Bundle": content = .bundle(try FHIRBundle(from: decoder))
            case "Observation": content = .observation(try FHIRObservation(from: decoder))
            default: content = .other(header.resourceType)
            }
        } catch {
            throw BodyError(resourceType: header.resourceType ?? "", underlying: error)
        }
    }
}

/// A `Bundle` (searchset, collection, …) of entries.
struct FHIRBundle: Decodable {
    var resourceType: String?
    var type: String?
    var entry: [FHIRBundleEntry]?
}

/// A Bundle as written by the exporter.
public struct FHIRBundleOut: Encodable, Sendable {
    public struct Entry: Encodable, Sendable {
        public var fullUrl: String
        public var resource: FHIRObservation
    }

    public var resourceType = "Bundle"
    public var type = "collection"
    public var entry: [Entry]
}
